// A run's log as admins and agents read it (issue 19): on the run page while the run runs, new lines
// arriving without a reload; through `taskdeck jobs logs --follow` until the run ends; and over the
// REST API with a cursor.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, runTaskdeck, sessionCookie, signIn } from "./helpers";
import { connect, createKey, createLargeProject, createProject, demoTeam, prisma, waitUntilFinished } from "./fixtures";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";

let browser: Browser;
let page: Page;
let teamId: string;
let key: string;
const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  teamId = (await demoTeam()).id;
  key = (await createKey(teamId, ["jobs:read", "jobs:write"])).key;
  await signIn(page);
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

async function trigger(projectSlug: string) {
  const response = await fetch(`${baseUrl()}/api/v1/projects/${projectSlug}/jobs`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "revenuecat_sync", params: { pageSize: 5 } }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

describe("the run page's log", () => {
  it("shows the lines a running run writes as they are written, without a reload", async () => {
    const large = await createLargeProject(teamId);
    const runId = await trigger(large.slug);
    await page.goto(`${baseUrl()}/projects/${large.slug}/runs/${runId}`);
    const log = page.getByRole("log", { name: "Run log" });
    await log.locator("div", { hasText: /Synced page 1\b/ }).waitFor({ timeout: 30_000 });
    // Later pages arrive while the run is still running, on the same page.
    await log.locator("div", { hasText: /Synced page 3\b/ }).waitFor({ timeout: 30_000 });
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("running");
    // Each line the page shows is one the database holds, in the same order.
    const shown = await log.locator("[data-log-message]").allTextContents();
    const stored = await prisma.runLog.findMany({ where: { runId }, orderBy: { id: "asc" }, take: shown.length });
    expect(shown.length).toBeGreaterThanOrEqual(4);
    // Once each, in the order written (ids past 9 and 99 sort as numbers).
    expect(shown).toEqual(stored.map((line) => line.message));
    await fetch(`${baseUrl()}/api/v1/runs/${runId}/cancel`, { method: "POST", headers: { Authorization: `Bearer ${key}` } });
    await waitUntilFinished(runId, 60_000);
    await log.locator("div", { hasText: /warn Cancelled$/ }).waitFor({ timeout: 15_000 });
  });
});

describe("the log on screen", () => {
  it("is photographed light and dark, wide and phone, and fits a phone", async () => {
    mkdirSync(directory, { recursive: true });
    const project = await createProject(teamId, "log-shots");
    await connect(project.id, "revenuecat", { revenuecatProjectId: demoRevenueCatProject.projectId }, { apiKey: demoRevenueCatProject.apiKey });
    const runId = await trigger(project.slug);
    await waitUntilFinished(runId, 60_000);
    const cookie = await sessionCookie(demo.admin.email);
    const equals = cookie.indexOf("=");
    for (const theme of ["light", "dark"] as const) {
      for (const [width, suffix] of [
        [1440, ""],
        [390, "-phone"],
      ] as const) {
        const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, colorScheme: theme, deviceScaleFactor: 1 });
        await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
        await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
        const shot = await context.newPage();
        await shot.goto(`${baseUrl()}/projects/${project.slug}/runs/${runId}`);
        const log = shot.getByRole("log", { name: "Run log" });
        await log.locator("div", { hasText: /revenuecat sync finished/ }).first().waitFor();
        expect(await shot.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await log.scrollIntoViewIfNeeded();
        await shot.screenshot({ path: path.join(directory, `run-logs${suffix}-${theme}.png`) });
        await context.close();
      }
    }
  });
});

describe("taskdeck jobs logs", () => {
  it("--follow prints every line as it comes and exits with the run's outcome", async () => {
    const project = await createProject(teamId, "logs");
    await connect(project.id, "revenuecat", { revenuecatProjectId: demoRevenueCatProject.projectId }, { apiKey: demoRevenueCatProject.apiKey });
    const runId = await trigger(project.slug);
    const followed = await runTaskdeck(["jobs", "logs", runId, "--follow"], key);
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stderr).toContain(`Run ${runId} completed`);
    const stored = await prisma.runLog.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(stored.length).toBeGreaterThan(2);
    const printed = followed.stdout.trim().split("\n");
    expect(printed).toHaveLength(stored.length);
    for (const [index, line] of stored.entries()) expect(printed[index]).toContain(line.message);
    expect(printed.at(-1)).toContain("revenuecat sync finished");

    // --json without --follow: one document, the same lines.
    const json = await runTaskdeck(["jobs", "logs", runId, "--json"], key);
    expect(json.code, json.stderr).toBe(0);
    const body = JSON.parse(json.stdout) as { logs: Array<{ id: string; message: string }>; runStatus: string };
    expect(body.runStatus).toBe("completed");
    expect(body.logs.map((line) => line.message)).toEqual(stored.map((line) => line.message));

    // The REST API pages after a cursor and refuses a bad one with a JSON 400.
    const first = (await (await fetch(`${baseUrl()}/api/v1/runs/${runId}/logs?limit=2`, { headers: { Authorization: `Bearer ${key}` } })).json()) as { logs: unknown[]; nextCursor: string; hasMore: boolean };
    expect(first).toMatchObject({ hasMore: true });
    expect(first.logs).toHaveLength(2);
    const bad = await fetch(`${baseUrl()}/api/v1/runs/${runId}/logs?after=x`, { headers: { Authorization: `Bearer ${key}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });
});
