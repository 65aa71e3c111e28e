// Clearing a failure storm (issue 19, item 3): "Retry all" on a failure group of 3 asks with the
// count, then makes 3 runs, each linked to one failed run of the group, one after another. The
// bulk dialogs are photographed light and dark, wide and phone (docs/screenshots with
// UPDATE_SCREENSHOTS=1), and must fit a phone without sideways scrolling.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";
import { createBrokenProject, createKey, demoTeam, prisma, waitUntilFinished } from "./fixtures";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
let browser: Browser;
let key: string;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  key = (await createKey((await demoTeam()).id, ["jobs:read", "jobs:write"])).key;
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

async function contextFor(theme: "light" | "dark", width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, colorScheme: theme, deviceScaleFactor: 1 });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
  const cookie = await sessionCookie(demo.admin.email);
  const equals = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  return context;
}

// Three RevenueCat syncs refused with a real 401: one failure group of 3.
async function failTimes(projectSlug: string, times: number): Promise<string[]> {
  const ids: string[] = [];
  for (let attempt = 0; attempt < times; attempt += 1) {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${projectSlug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: '{"type":"revenuecat_sync"}',
    });
    const id = ((await response.json()) as { run: { id: string } }).run.id;
    expect((await waitUntilFinished(id)).status).toBe("failed");
    ids.push(id);
  }
  return ids;
}

describe("Retry all on a failure group", () => {
  it("asks with the count, then makes 3 runs linked to the group's 3 failed runs", async () => {
    const project = await createBrokenProject((await demoTeam()).id, "storm");
    const failed = await failTimes(project.slug, 3);
    const context = await contextFor("light", 1280);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/projects/${project.slug}/failures`);
    const group = page.locator('[data-failure-type="revenuecat_sync"]');
    await group.getByLabel("3 failures").waitFor();
    await group.getByRole("button", { name: /^Retry all failed runs of RevenueCat Sync/ }).click();
    const dialog = page.getByRole("dialog", { name: "Retry 3 failed runs of RevenueCat Sync?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Retry 3 runs" }).click();
    await page.getByRole("status").filter({ hasText: "3 runs of RevenueCat Sync retrying" }).waitFor();

    // One after another, each a retry of one of the three, by the admin who asked.
    const deadline = Date.now() + 60_000;
    let retries = await prisma.jobRun.findMany({ where: { retryOfId: { in: failed } }, orderBy: { createdAt: "asc" } });
    while (retries.length < 3 || retries.some((run) => run.status === "pending" || run.status === "running")) {
      if (Date.now() > deadline) throw new Error(`only ${retries.length} retries after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      retries = await prisma.jobRun.findMany({ where: { retryOfId: { in: failed } }, orderBy: { createdAt: "asc" } });
    }
    expect(retries.map((run) => run.retryOfId)).toEqual(failed);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
    expect(retries.every((run) => run.triggerKind === "retry" && run.triggeredByUserId === admin.id)).toBe(true);
    // They failed again (the key is still wrong), so the group now counts 6 and has 3 left to retry: the retries.
    await page.reload();
    await group.getByLabel("6 failures").waitFor();
    await context.close();
  });

  it("shows its dialogs on a phone and a wide screen, light and dark, without sideways scrolling", async () => {
    const project = await createBrokenProject((await demoTeam()).id, "storm-shots");
    await failTimes(project.slug, 2);
    for (const theme of ["light", "dark"] as const) {
      for (const [width, suffix] of [
        [1280, ""],
        [390, "-phone"],
      ] as const) {
        const context = await contextFor(theme, width);
        const page = await context.newPage();
        await page.goto(`${baseUrl()}/projects/${project.slug}/failures`);
        await page.getByRole("button", { name: /^Retry all failed runs of RevenueCat Sync/ }).click();
        await page.getByRole("dialog", { name: "Retry 2 failed runs of RevenueCat Sync?" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(directory, `bulk-retry-dialog${suffix}-${theme}.png`) });
        await page.keyboard.press("Escape");

        await page.goto(`${baseUrl()}/projects/${project.slug}/runs`);
        await page.getByRole("button", { name: "Cancel pending" }).click();
        await page.getByRole("dialog", { name: "Nothing is pending" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(directory, `bulk-cancel-dialog${suffix}-${theme}.png`) });
        await context.close();
      }
    }
  });
});
