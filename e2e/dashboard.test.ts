// The dashboard an admin lives in, in Chromium: cancelling a running run, a failure's error in the
// run and in Failures, Failures a page of groups at a time, a duplicate trigger that links to the run in progress, runs filtered through
// the URL, cheap refreshes, and the keyboard.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createBrokenProject, createFinishedRun, createKey, createLargeProject, createProject, demoTeam, prisma, waitUntilFinished } from "./fixtures";

let browser: Browser;
let page: Page;
let teamId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  teamId = (await demoTeam()).id;
  await signIn(page);
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

/** Starts a run over the API as another admin would (a key of the team). */
async function triggerElsewhere(projectSlug: string, params: Record<string, unknown> = {}) {
  const { key } = await createKey(teamId, ["jobs:read", "jobs:write"]);
  const response = await fetch(`${baseUrl()}/api/v1/projects/${projectSlug}/jobs`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "revenuecat_sync", params }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

describe("the run page", () => {
  it("cancels a running run after a confirmation; the button goes once it has ended", async () => {
    // A large account keeps the sync running for most of a minute, however busy the machine.
    const large = await createLargeProject(teamId);
    const runId = await triggerElsewhere(large.slug);
    await page.goto(`${baseUrl()}/projects/${large.slug}/runs/${runId}`);
    // Cancel once the run has made progress, which the cancelled run must keep.
    await page.locator('[role=progressbar][aria-label="RevenueCat Sync progress"][aria-valuenow]').waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Cancel run" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this RevenueCat Sync run?" });
    await dialog.getByRole("button", { name: "Cancel run" }).click();
    // The worker stops at its next check; on a busy machine (two browser groups on two cores) that
    // can take a while, so the database is waited on first, and then the page must follow it.
    const stored = await waitUntilFinished(runId, 90_000);
    expect(stored.status).toBe("cancelled");
    await page.locator('[data-status="cancelled"]').first().waitFor({ timeout: 15_000 });
    expect(stored.progressProcessed).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Retry", exact: true }).waitFor();
    await expect(page.getByRole("button", { name: "Cancel run" }).count()).resolves.toBe(0);
  });

  it("shows a failed run's error in its page and groups it in Failures", async () => {
    const broken = await createBrokenProject(teamId);
    const first = await triggerElsewhere(broken.slug);
    await waitUntilFinished(first);
    const second = await triggerElsewhere(broken.slug);
    await waitUntilFinished(second);

    await page.goto(`${baseUrl()}/projects/${broken.slug}/runs/${second}`);
    const error = page.getByRole("region", { name: "Error" });
    await error.getByText("RevenueCat 401 authentication_error: Invalid API key").waitFor();
    await page.locator('[data-status="failed"]').first().waitFor();

    await page.getByRole("link", { name: "Failures" }).click();
    const group = page.locator('[data-failure-type="revenuecat_sync"]');
    await group.waitFor();
    await group.getByLabel("2 failures").waitFor();
    await group.getByText("RevenueCat 401 authentication_error: Invalid API key").waitFor();
    await group.getByRole("link", { name: "Newest run →" }).click();
    await page.waitForURL(new RegExp(`/runs/${second}$`));

    // Its job type's card on Tasks says it is failing, with the error, linked to the run.
    await page.goto(`${baseUrl()}/projects/${broken.slug}/tasks`);
    const card = page.getByRole("article", { name: "RevenueCat Sync" });
    await card.getByText("Failing", { exact: true }).waitFor();
    await card.getByRole("link", { name: "Last error: RevenueCat 401 authentication_error: Invalid API key" }).click();
    await page.waitForURL(new RegExp(`/runs/${second}$`));

    // Retrying it from its page makes a new run linked to it.
    await page.getByRole("button", { name: "Retry", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(second) && url.pathname.includes("/runs/"));
    await page.getByText("Retry of", { exact: true }).waitFor();
    const retryId = page.url().split("/").at(-1)!;
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: retryId } })).retryOfId).toBe(second);
    await waitUntilFinished(retryId);
  });
});

describe("Failures", () => {
  it("shows 25 groups a page and pages to the rest, keeping the time window", async () => {
    const project = await createProject(teamId, "many-failures");
    // 30 distinct errors, one failed run each, a minute apart: error 0 is the most recent.
    await prisma.jobRun.createMany({
      data: Array.from({ length: 30 }, (_, index) => {
        const at = new Date(Date.now() - (index + 1) * 60_000);
        return { type: "revenuecat_sync", projectId: project.id, status: "failed" as const, triggerKind: "schedule" as const, createdAt: at, startedAt: at, finishedAt: at, errorMessage: `error number ${index}` };
      }),
    });
    await page.goto(`${baseUrl()}/projects/${project.slug}/failures?window=24h`);
    await page.getByText("30 failed runs in 30 groups, most recent first.").waitFor();
    const groups = page.locator("[data-failure-type]");
    await expect(groups.count()).resolves.toBe(25);
    await expect(groups.first().getByText("error number 0", { exact: true }).isVisible()).resolves.toBe(true);
    const pages = page.getByRole("navigation", { name: "Pages of failures" });
    await pages.getByText("Page 1 of 2").waitFor();

    await pages.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2" && url.searchParams.get("window") === "24h");
    await pages.getByText("Page 2 of 2").waitFor();
    await expect(groups.count()).resolves.toBe(5);
    await expect(groups.last().getByText("error number 29", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(pages.getByRole("link", { name: "Next page" }).count()).resolves.toBe(0);
    await pages.getByRole("link", { name: "Previous page" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === null);
    await expect(groups.count()).resolves.toBe(25);
  });
});

describe("Run now", () => {
  it("answers a duplicate trigger with “Already running” and a link to the run in progress", async () => {
    // A large account: the other run is still going when this one is refused, however busy the machine.
    const large = await createLargeProject(teamId);
    await page.goto(`${baseUrl()}/projects/${large.slug}/tasks`);
    await page.getByRole("button", { name: "Run RevenueCat Sync now" }).click();
    const dialog = page.getByRole("dialog", { name: "Run RevenueCat Sync" });
    // Meanwhile someone else starts one.
    const existing = await triggerElsewhere(large.slug);
    await dialog.getByRole("button", { name: "Start run" }).click();
    await dialog.getByText("Already running.").waitFor();
    await expect(dialog.getByRole("alert").count()).resolves.toBe(0);
    await dialog.getByRole("link", { name: "See the run in progress" }).click();
    await page.waitForURL(new RegExp(`/runs/${existing}$`));
    // The Tasks card also links to it while it runs.
    await page.goto(`${baseUrl()}/projects/${large.slug}/tasks`);
    const card = page.getByRole("article", { name: "RevenueCat Sync" });
    await card.getByRole("link", { name: /Running now|Waiting to start/ }).waitFor();
    await fetch(`${baseUrl()}/api/v1/runs/${existing}/cancel`, { method: "POST", headers: { Origin: baseUrl(), Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } });
    await waitUntilFinished(existing);
  });
});

describe("the Runs page", () => {
  it("filters by status, type and time through the URL, and loads more", async () => {
    // More runs than one page (25), so "Load more" has a second page to append.
    const project = await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } });
    for (let index = 0; index < 30; index += 1) await createFinishedRun(project.id, "revenuecat_sync", "completed");
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/runs`);
    await page.locator("[data-run-id]").first().waitFor();
    await page.getByLabel("Status").selectOption("completed");
    await page.waitForURL(/status=completed/);
    await page.getByLabel("Time range").selectOption("24h");
    await page.waitForURL(/range=24h/);
    await page.locator('[data-run-status="completed"]').first().waitFor();
    expect(await page.locator('[data-run-id]:not([data-run-status="completed"])').count()).toBe(0);
    // The filters survive a reload: they live in the URL.
    await page.reload();
    await expect(page.getByLabel("Status").inputValue()).resolves.toBe("completed");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.search === "");

    await page.locator("[data-run-id]").nth(24).waitFor();
    expect(await page.locator("[data-run-id]").count()).toBe(25);
    await page.getByRole("button", { name: "Load more" }).click();
    await page.locator("[data-run-id]").nth(25).waitFor();
    const ids = await page.locator("[data-run-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run-id")));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refreshes with conditional requests that the server answers 304 while nothing changes", async () => {
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/runs?status=failed`);
    // The browser revalidates its cached list on each poll (Playwright reports the cached answer
    // as 200), so catch a poll that carries If-None-Match…
    const poll = await page.waitForRequest(
      async (request) => request.url().includes("/api/v1/projects/") && request.url().includes("/runs?") && (await request.allHeaders())["if-none-match"] !== undefined,
      { timeout: 25_000 },
    );
    const headers = await poll.allHeaders();
    // …and ask the server the same question: nothing changed, so no body, just 304.
    const replay = await fetch(poll.url(), { headers: { cookie: headers.cookie!, "if-none-match": headers["if-none-match"]! } });
    expect(replay.status).toBe(304);
    expect(await replay.text()).toBe("");
  });
});

describe("the Schedules page", () => {
  it("sets a lane type's interval for the project, shows it in words with the next run, and turns it off", async () => {
    const project = await createProject(teamId, "scheduled");
    const registered = async () =>
      (await prisma.$queryRaw<Array<{ cron: string }>>`SELECT cron FROM pgboss.schedule WHERE key = ${`pull_changes/${project.id}`}`).map((row) => row.cron);
    await page.goto(`${baseUrl()}/projects/${project.slug}/schedules`);
    const item = page.getByRole("listitem", { name: "Pull Changes" });
    await item.getByLabel("Run every").selectOption("15");
    await page.getByRole("status").filter({ hasText: "Pull Changes runs every 15 minutes" }).waitFor();
    await item.getByText("Every 15 minutes (UTC)").waitFor();
    await expect(item.locator("time").first().getAttribute("datetime")).resolves.toMatch(/:(00|15|30|45):00\.000Z$/);
    expect(await registered()).toEqual(["*/15 * * * *"]);
    // The Tasks card says so too.
    await page.goto(`${baseUrl()}/projects/${project.slug}/tasks`);
    await page.getByRole("article", { name: "Pull Changes" }).getByText("Every 15 minutes for this project").waitFor();

    await page.goto(`${baseUrl()}/projects/${project.slug}/schedules`);
    await item.getByLabel("Run every").selectOption("off");
    await page.getByRole("status").filter({ hasText: "Pull Changes is no longer scheduled" }).waitFor();
    await item.getByText("Not scheduled").waitFor();
    expect(await registered()).toEqual([]);
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("the keyboard", () => {
  it("reaches the account menu, switches to the dark theme and keeps it across reloads", async () => {
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    const account = page.getByRole("button", { name: /^Account menu/ });
    await account.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menu").waitFor();
    await page.getByRole("menuitemradio", { name: "Dark" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.keyboard.press("Escape");
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await page.evaluate(() => localStorage.setItem("taskdeck-theme", "light"));
  });

  it("moves between projects with the switcher", async () => {
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await page.getByRole("button", { name: /^Switch project/ }).click();
    await page.getByRole("menuitem", { name: "Broken App" }).click();
    await page.waitForURL(/\/projects\/broken-app\/tasks$/);
    await page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();
  });
});
