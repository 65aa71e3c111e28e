// The overview and the audit trail (issue 19, items 2 and 5). The overview chart and durations are
// drawn from real runs (RevenueCat syncs the worker ran and a real 401 failed), and the run page's
// Activity and the team's audit log say who acted, from where: an API key over REST, then a person
// in the dashboard. Members see neither. (Both pages are photographed, light and dark, wide and
// phone, with the accessibility checks, in e2e/screenshots.test.ts.)
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, runTaskdeck, sessionCookie } from "./helpers";
import { createBrokenProject, createFinishedRun, createKey, createUser, demoTeam, prisma, waitUntilFinished } from "./fixtures";

let browser: Browser;
let key: string;
let project: { id: string; slug: string };
const failedRunIds: string[] = [];

async function contextFor(email: string, theme: "light" | "dark" = "light", width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, colorScheme: theme, deviceScaleFactor: 1 });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
  const cookie = await sessionCookie(email);
  const equals = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  return context;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const team = await demoTeam();
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
  key = (await createKey(team.id, ["jobs:read", "jobs:write"], { name: "Overview bot", createdById: admin.id })).key;
  project = await createBrokenProject(team.id, "overview");
  // Two syncs refused with a real 401, run by the worker.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: '{"type":"revenuecat_sync"}',
    });
    expect(response.status).toBe(202);
    const id = ((await response.json()) as { run: { id: string } }).run.id;
    expect((await waitUntilFinished(id)).status).toBe("failed");
    failedRunIds.push(id);
  }
  // And three that ended well earlier in the same hour, written as the admin CLI would leave them.
  for (let index = 0; index < 3; index += 1) await createFinishedRun(project.id, "pull_all", "completed");
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

describe("the overview", () => {
  it("is the project's first tab and charts its runs by hour and outcome, with p50/p95 per type", async () => {
    const context = await contextFor(demo.admin.email);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/projects/${project.slug}`);
    await page.waitForURL(new RegExp(`/projects/${project.slug}/overview$`));
    const tabs = page.getByRole("navigation", { name: /^Project pages/ }).getByRole("link");
    expect(await tabs.first().textContent()).toBe("Overview");
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();

    const chart = page.getByTestId("runs-chart");
    expect(await chart.locator("g[data-hour]").count()).toBe(24);
    // The current hour holds all five runs: two failed bars' worth and three completed.
    const currentHour = chart.locator("g[data-hour]").last();
    expect(await currentHour.getAttribute("data-total")).toBe("5");
    expect(await currentHour.locator('rect[data-outcome="failed"]').count()).toBe(1);
    expect(Number(await currentHour.locator('rect[data-outcome="failed"]').getAttribute("height"))).toBeGreaterThan(0);
    expect(await chart.getAttribute("aria-label")).toContain("3 completed, 2 failed");
    expect(await page.getByTestId("overview-failed").innerText()).toContain("2");
    expect(await page.getByTestId("overview-failed").innerText()).toContain("40% of 5 ended runs");

    const syncRow = page.locator('tr[data-type="revenuecat_sync"]');
    expect((await syncRow.innerText()).replace(/\s+/g, " ")).toMatch(/^RevenueCat Sync 2 2 /);
    const p50 = Number(await syncRow.locator("[data-p50-ms]").getAttribute("data-p50-ms"));
    const runs = await prisma.jobRun.findMany({ where: { id: { in: failedRunIds } } });
    const durations = runs.map((run) => run.finishedAt!.getTime() - run.startedAt!.getTime()).sort((a, b) => a - b);
    expect(p50).toBe(Math.round((durations[0]! + durations[1]!) / 2));

    await page.getByRole("navigation", { name: "Overview window" }).getByRole("link", { name: "7 days" }).click();
    await page.waitForURL(/window=7d$/);
    await page.getByRole("heading", { name: "Runs per hour, last 7 days" }).waitFor();
    expect(await chart.locator("g[data-hour]").count()).toBe(168);
    await context.close();
  });

  it("is shown to admins only, like runs", async () => {
    const member = await createUser((await demoTeam()).id, "member");
    const context = await contextFor(member.email);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/projects/${project.slug}/overview`);
    await page.getByText("The overview is made of runs, which need the admin or owner role in this team.").waitFor();
    expect(await page.getByTestId("runs-chart").count()).toBe(0);
    // A member's project address opens Tasks, and the tabs have no Overview.
    await page.goto(`${baseUrl()}/projects/${project.slug}`);
    await page.waitForURL(new RegExp(`/projects/${project.slug}/tasks$`));
    expect(await page.getByRole("navigation", { name: /^Project pages/ }).getByRole("link", { name: "Overview" }).count()).toBe(0);
    await page.goto(`${baseUrl()}/teams/${(await demoTeam()).slug}/audit`);
    await page.getByText(/The audit log tells what was done to runs/).waitFor();
    await context.close();
  });
});

describe("the overview for scripts and agents", () => {
  it("answers the same figures over REST and `taskdeck overview`, and refuses an unknown window", async () => {
    const rest = await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/overview?window=7d`, { headers: { Authorization: `Bearer ${key}` } });
    expect(rest.status).toBe(200);
    const { overview } = (await rest.json()) as { overview: { hours: unknown[]; totals: { failed: number }; durations: Array<{ type: string; failed: number }> } };
    expect(overview.hours).toHaveLength(168);
    expect(overview.totals.failed).toBeGreaterThanOrEqual(2);
    const cli = await runTaskdeck(["overview", "--project", project.slug, "--window", "7d", "--json"], key);
    expect(cli.code, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as { overview: typeof overview }).overview.totals).toEqual(overview.totals);
    const text = await runTaskdeck(["overview", "--project", project.slug], key);
    expect(text.stdout).toMatch(/revenuecat_sync\s+\d+\s+\d+/);
    const bad = await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/overview?window=1y`, { headers: { Authorization: `Bearer ${key}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe("Query parameters are invalid");
  });
});

describe("the audit trail", () => {
  it("says a run was triggered from the CLI when the CLI triggered it", async () => {
    const cli = await runTaskdeck(["jobs", "trigger", "revenuecat_sync", "--project", project.slug, "--wait", "--json"], key);
    const runId = (JSON.parse(cli.stdout) as { run: { id: string } }).run.id;
    const events = await prisma.auditEvent.findMany({ where: { runId } });
    expect(events.map((event) => [event.action, event.surface, event.actorLabel])).toEqual([["run.triggered", "cli", 'API key "Overview bot"']]);
  });

  it("tells on the run page who triggered a run over REST and who retried it in the dashboard", async () => {
    const context = await contextFor(demo.admin.email);
    const page = await context.newPage();
    const runId = failedRunIds[0]!;
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs/${runId}`);
    const activity = page.getByRole("region", { name: "Activity" });
    await activity.getByText("Triggered RevenueCat Sync").waitFor();
    expect(await activity.innerText()).toContain('API key "Overview bot" · REST API');

    // Retry opens the new run, whose Activity says it is a retry and links back.
    await page.getByRole("button", { name: "Retry", exact: true }).click();
    await page.waitForURL((url) => url.pathname.includes("/runs/") && !url.pathname.endsWith(runId));
    const retryActivity = page.getByRole("region", { name: "Activity" });
    await retryActivity.getByText("Started RevenueCat Sync as a retry").waitFor();
    expect(await retryActivity.innerText()).toContain(`${demo.admin.name} · dashboard`);
    await retryActivity.getByRole("link", { name: "Open the failed run" }).click();
    await page.waitForURL((url) => url.pathname.endsWith(runId));
    const retried = page.getByRole("region", { name: "Activity" }).locator('li[data-action="run.retried"]');
    await retried.waitFor();
    expect(await retried.innerText()).toMatch(new RegExp(`^Retried RevenueCat Sync\\s+${demo.admin.name} · dashboard`));
    await context.close();
  });

  it("lists the team's events newest first, filtered by action and project", async () => {
    const context = await contextFor(demo.admin.email);
    const page = await context.newPage();
    const team = await demoTeam();
    // Reached from the account menu, like the team's API keys.
    await page.goto(`${baseUrl()}/projects/${project.slug}/overview`);
    await page.getByRole("button", { name: /^Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Audit log" }).click();
    await page.waitForURL(new RegExp(`/teams/${team.slug}/audit$`));
    await page.getByLabel("Project", { exact: true }).selectOption(project.slug);
    await page.waitForURL(new RegExp(`/teams/${team.slug}/audit\\?project=${project.slug}$`));
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    const events = page.getByRole("list", { name: "Audit events" }).getByRole("listitem");
    const texts = await events.allInnerTexts();
    expect(texts.some((text) => text.includes("Triggered RevenueCat Sync") && text.includes('API key "Overview bot" · from the REST API'))).toBe(true);
    // Newest first: the dashboard retry of the previous test is above the REST triggers.
    const retryAt = texts.findIndex((text) => text.includes("Retried RevenueCat Sync"));
    // The two REST triggers of the set-up (the CLI's, made later, is above the retry).
    const triggersAt = texts.flatMap((text, index) => (text.includes("Triggered RevenueCat Sync") && text.includes("from the REST API") ? [index] : []));
    expect(retryAt).toBeGreaterThanOrEqual(0);
    expect(triggersAt).toHaveLength(2);
    expect(triggersAt.every((index) => index > retryAt)).toBe(true);

    await page.getByLabel("Action", { exact: true }).selectOption("run.retried");
    await page.waitForURL(/action=run\.retried/);
    await page.getByRole("list", { name: "Audit events" }).waitFor();
    const filtered = await page.getByRole("list", { name: "Audit events" }).getByRole("listitem").allInnerTexts();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((text) => text.includes("Retried"))).toBe(true);

    // A filter naming nothing real says so and shows the log unfiltered.
    await page.goto(`${baseUrl()}/teams/${team.slug}/audit?action=run.deleted`);
    await page.getByRole("alert").filter({ hasText: '"run.deleted" is not an action of the audit log' }).waitFor();
    await context.close();
  });
});
