// A paused lane in the dashboard: a StorePush pull fails (App Store Connect refuses the key), the
// banner names the failed run and its error on every page of the project while later lane runs
// wait in line saying the lane blocks them, and after the key is fixed "Retry failed run" resumes the lane in order.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createBrokenAppStoreProject, createKey, demoTeam, fixAppStoreKey, prisma, waitUntilFinished } from "./fixtures";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page);
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("a paused lane", () => {
  it("is explained on every page of the project, and resumes in order after “Retry failed run”", async () => {
    const team = await demoTeam();
    const project = await createBrokenAppStoreProject(team.id);

    // Pull Changes from the dashboard: App Store Connect answers 401 and the lane pauses.
    await page.goto(`${baseUrl()}/projects/${project.slug}/tasks`);
    await page.getByRole("button", { name: "Run Pull Changes now" }).click();
    const triggered = page.waitForResponse((response) => response.url().endsWith("/jobs") && response.request().method() === "POST");
    await page.getByRole("dialog", { name: "Run Pull Changes" }).getByRole("button", { name: "Start run" }).click();
    const failedId = ((await (await triggered).json()) as { run: { id: string } }).run.id;
    expect((await waitUntilFinished(failedId)).status).toBe("failed");

    const banner = page.getByRole("region", { name: "Lane paused" });
    await banner.waitFor({ timeout: 15_000 });
    await banner.getByText("Pull Changes failed").waitFor();
    await banner.getByText(/App Store Connect 401 NOT_AUTHORIZED/).waitFor();

    // A push triggered meanwhile waits behind the failure, and shows its place in the lane.
    const { key } = await createKey(team.id, ["jobs:read", "jobs:write"]);
    const push = await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type: "push_metadata", params: { locale: "en-US", whatsNew: "Widgets and a faster sync." } }),
    });
    const pushId = ((await push.json()) as { run: { id: string } }).run.id;
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs`);
    await banner.getByText("and 1 lane run waits behind it").waitFor();
    // It says the paused lane holds it back (not just "waiting"), and links to the banner.
    const blocked = page.locator(`[data-run-id="${pushId}"]`).getByRole("link", { name: "Blocked: the lane is paused by a failed run" });
    await blocked.click();
    await page.waitForURL(/\/runs#lane$/);
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs/${pushId}`);
    await page.getByRole("region", { name: "Progress" }).getByText(/^Blocked: the lane is paused by a failed run/).waitFor();
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs`);
    for (const tab of ["Failures", "Schedules"]) {
      await page.getByRole("link", { name: tab, exact: true }).click();
      await page.getByRole("heading", { name: tab, level: 1 }).waitFor();
      await banner.waitFor();
    }
    await banner.getByRole("link", { name: "View the failed run" }).click();
    await page.waitForURL(new RegExp(`/runs/${failedId}$`));
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("pending");

    // The key is fixed; "Retry failed run" runs the pull again, first, then the push.
    await fixAppStoreKey(project.id);
    await banner.getByRole("button", { name: "Retry failed run" }).click();
    await page.getByRole("status").filter({ hasText: "Lane resumed" }).waitFor();
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    const retry = await prisma.jobRun.findFirstOrThrow({ where: { retryOfId: failedId } });
    const [pull, pushed] = [await waitUntilFinished(retry.id, 60_000), await waitUntilFinished(pushId, 60_000)];
    expect([pull.status, pushed.status]).toEqual(["completed", "completed"]);
    expect(pull.finishedAt!.getTime()).toBeLessThanOrEqual(pushed.startedAt!.getTime());
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: failedId } })).status).toBe("failed");
  });
});
