// Every dashboard page, light and dark, at desktop and phone widths. Each page must fit a phone without
// sideways scrolling, give every control a name a screen reader can say, keep its text inside its
// boxes (e2e/layout.ts) and pass axe-core's WCAG 2.1 AA and best-practice rules without a serious or
// critical violation (e2e/a11y.ts). The screenshots go to test-results/screenshots, or to
// docs/screenshots with UPDATE_SCREENSHOTS=1 (to be looked at).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { seriousViolations } from "./a11y";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";
import { layoutProblems } from "./layout";
import { createBrokenProject, createKey, createWebhookWithLog, demoTeam, prisma, waitUntilFinished } from "./fixtures";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
let browser: Browser;
let failedRunId: string;
let runningRunId: string | undefined;
let startSlowRun: () => Promise<void>;
let brokenSlug: string;
let webhookId: string;
let issueId: string;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  // A failure to show in Failures and in a run page.
  const team = await demoTeam();
  brokenSlug = (await createBrokenProject(team.id, "staging-app")).slug;
  webhookId = await createWebhookWithLog(team.id, "https://hooks.acme.example/taskdeck/incidents");
  // An issue of the demo project for the Issues pages; it changed status long before any digest window.
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const demoProject = await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } });
  issueId = (
    await prisma.issue.create({
      data: {
        projectId: demoProject.id,
        fingerprint: `screenshots-${Date.now()}`,
        title: "TypeError: Cannot read properties of undefined (reading 'entitlements')",
        errorType: "TypeError",
        message: "Cannot read properties of undefined (reading 'entitlements')",
        stack: "TypeError: Cannot read properties of undefined (reading 'entitlements')\n    at PaywallScreen.render (app://bundle/src/screens/paywall/PaywallScreen.tsx:142:27)\n    at renderWithHooks (app://bundle/node_modules/react-native/Libraries/Renderer/implementations/ReactNativeRenderer-production.js:4021:22)",
        eventCount: 148,
        usersAffected: 61,
        firstSeenAt: daysAgo(9),
        lastSeenAt: daysAgo(0.01),
        statusChangedAt: daysAgo(9),
        appVersions: ["2.4.0", "2.4.1"],
        inProduction: true,
      },
    })
  ).id;
  const { key } = await createKey(team.id, ["jobs:read", "jobs:write"], { name: "CI deploys", createdById: (await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } })).id });
  // A lived-in demo project: finished runs of both kinds, and one still running for the bars.
  const trigger = async (type: string, params: Record<string, unknown> = {}, slug: string = demo.project.slug) => {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${slug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type, params }),
    });
    return ((await response.json()) as { run: { id: string } }).run.id;
  };
  // What the Store, Revenue and Analytics pages show comes from the sandboxes through these routes.
  const seedRoute = async (route: string) => {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${demo.project.slug}/${route}`, { method: "POST", headers: { Authorization: `Bearer ${key}` } });
    return ((await response.json()) as { run: { id: string } }).run.id;
  };
  // All at once, to be ready sooner: the broken project's two failures (one after the other, one
  // active run per type), the App Store Connect lane (a full pull, then analytics: too few days of
  // them for a forecast, which the Analytics page says), and the demo's independent syncs (RevenueCat,
  // ratings, reviews, Apple Ads).
  const failures = async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      failedRunId = await trigger("revenuecat_sync", {}, brokenSlug);
      await waitUntilFinished(failedRunId);
    }
  };
  const lane = async () => {
    await waitUntilFinished(await trigger("pull_all"), 60_000);
    await waitUntilFinished(await trigger("pull_analytics"), 60_000);
  };
  const independent = [trigger("revenuecat_sync"), seedRoute("ratings/sync"), seedRoute("integrations/app-store-connect/sync"), seedRoute("ads/sync")];
  await Promise.all([failures(), lane(), ...independent.map(async (run) => waitUntilFinished(await run, 60_000))]);
  // Pull Changes every 15 minutes, set once here: the two themes' pages load side by side, and
  // each setting it in the page would write the change twice to the audit log.
  await prisma.projectSchedule.deleteMany({ where: { project: { slug: demo.project.slug } } });
  await fetch(`${baseUrl()}/api/v1/projects/${demo.project.slug}/schedules`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "pull_changes", intervalMinutes: 15 }),
  });
  // One customer per page: a sync that runs for a while, so the pages show live progress.
  startSlowRun = async () => {
    if (runningRunId) {
      await prisma.jobRun.updateMany({ where: { id: runningRunId, status: { in: ["pending", "running"] } }, data: { cancelRequestedAt: new Date() } });
      await waitUntilFinished(runningRunId);
    }
    runningRunId = await trigger("revenuecat_sync", { pageSize: 1 });
    const deadline = Date.now() + 30_000;
    while ((await prisma.jobRun.findUniqueOrThrow({ where: { id: runningRunId } })).progressTotal === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
});
afterAll(async () => {
  await prisma.jobRun.updateMany({ where: { id: runningRunId, status: { in: ["pending", "running"] } }, data: { cancelRequestedAt: new Date() } });
  await browser?.close();
  await prisma.$disconnect();
});

// One context per theme and viewport: pages are visited one after another in it.
async function contextFor(theme: Theme, viewport: Viewport, signedIn = true): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: theme, deviceScaleFactor: 1 });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
  if (signedIn) {
    const cookie = await sessionCookie(demo.admin.email);
    const equals = cookie.indexOf("=");
    await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  }
  return context;
}

type Theme = "light" | "dark";
type Viewport = { width: number; height: number; suffix: string };
const themes: Theme[] = ["light", "dark"];
const viewports: Viewport[] = [
  { width: 1440, height: 900, suffix: "" },
  { width: 390, height: 844, suffix: "-phone" },
];

// Everything the page (or its open dialog) gets wrong: unnamed controls, sideways scrolling, text
// that does not fit its box, and axe's serious and critical violations.
async function problemsOf(page: Page, label: string): Promise<string[]> {
  const { unnamed, overflow, overflowingText } = await layoutProblems(page);
  return [
    ...unnamed.map((html) => `${label}: control without a name: ${html}`),
    ...(overflow > 1 ? [`${label}: ${overflow}px of sideways scrolling at ${page.viewportSize()?.width}px`] : []),
    ...overflowingText.map((text) => `${label}: text does not fit: ${text}`),
    ...(await seriousViolations(page)).map((violation) => `${label}: axe ${violation}`),
  ];
}

// Every page of the dashboard. The running run first, while its sync still runs (about 15 s).
const pages = (): Array<{ name: string; url: string; ready: string; shows?: string }> => [
  { name: "run-running", url: `/projects/${demo.project.slug}/runs/${runningRunId!}`, ready: "Timeline", shows: "[data-status=running]" },
  { name: "tasks", url: `/projects/${demo.project.slug}/tasks`, ready: "Latest runs" },
  { name: "overview", url: `/projects/${demo.project.slug}/overview`, ready: "Overview" },
  { name: "runs", url: `/projects/${demo.project.slug}/runs`, ready: "Runs" },
  { name: "run-failed", url: `/projects/${brokenSlug}/runs/${failedRunId}`, ready: "Timeline" },
  { name: "failures", url: `/projects/${brokenSlug}/failures`, ready: "Failures" },
  { name: "schedules", url: `/projects/${demo.project.slug}/schedules`, ready: "Schedules", shows: "text=Every 15 minutes (UTC)" },
  { name: "issues", url: `/projects/${demo.project.slug}/issues`, ready: "Issues" },
  { name: "issue", url: `/projects/${demo.project.slug}/issues/${issueId}`, ready: "Stack" },
  { name: "store", url: `/projects/${demo.project.slug}/store`, ready: "Store" },
  { name: "revenue", url: `/projects/${demo.project.slug}/revenue`, ready: "Revenue" },
  { name: "analytics", url: `/projects/${demo.project.slug}/analytics`, ready: "Analytics" },
  { name: "settings", url: `/projects/${demo.project.slug}/settings`, ready: "Settings" },
  { name: "team", url: `/teams/${demo.team.slug}`, ready: demo.team.name },
  { name: "api-keys", url: `/teams/${demo.team.slug}/api-keys`, ready: "API keys" },
  { name: "notifications", url: `/teams/${demo.team.slug}/notifications`, ready: "Notifications" },
  { name: "webhook", url: `/teams/${demo.team.slug}/webhooks/${webhookId}`, ready: "Incident relay" },
  { name: "audit", url: `/teams/${demo.team.slug}/audit`, ready: "Audit log" },
];

// One theme at one size: every page in turn, checked and photographed, with the two forms.
async function visitAll(theme: Theme, viewport: Viewport): Promise<string[]> {
  const problems: string[] = [];
  const context = await contextFor(theme, viewport);
  const page = await context.newPage();
  const shot = (name: string, fullPage: boolean) => page.screenshot({ path: path.join(directory, `${name}${viewport.suffix}-${theme}.png`), fullPage });
  for (const target of pages()) {
    await page.goto(`${baseUrl()}${target.url}`);
    await page.getByRole("heading", { name: target.ready }).first().waitFor();
    if (target.shows) await page.locator(target.shows).first().waitFor();
    // Live data (runs, stats) arrives after the first paint: wait until nothing is loading.
    await page.locator('[role=status][aria-label^="Loading"]').first().waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
    problems.push(...(await problemsOf(page, `${target.name}${viewport.suffix}-${theme}`)));
    await shot(target.name, true);
    if (target.name === "settings") {
      // The add-app form, which must fit a phone as well.
      await page.getByRole("button", { name: "Add app" }).click();
      const dialog = page.getByRole("dialog", { name: "Add an app" });
      await dialog.getByLabel("Name").waitFor();
      problems.push(...(await problemsOf(page, `add-app${viewport.suffix}-${theme}`)));
      await shot("settings-add-app", false);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    }
    if (target.name === "notifications") {
      await page.getByRole("button", { name: "Add webhook" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a webhook" });
      await dialog.getByLabel("Payload URL").waitFor();
      problems.push(...(await problemsOf(page, `add-webhook${viewport.suffix}-${theme}`)));
      await shot("notifications-add-webhook", false);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    }
  }
  await context.close();
  return problems;
}

describe("the dashboard pages", () => {
  // Light and dark side by side (a context each): the CPU-bound audits of one overlap the page loads
  // of the other, and both see the same running run.
  it.each(viewports)("look finished in both themes at $width px", { timeout: 180_000 }, async (viewport) => {
    await startSlowRun();
    const problems = (await Promise.all(themes.map((theme) => visitAll(theme, viewport)))).flat();
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("include the sign-in page", async () => {
    const problems: string[] = [];
    for (const theme of themes) {
      for (const viewport of viewports) {
        const context = await contextFor(theme, viewport, false);
        const page = await context.newPage();
        await page.goto(`${baseUrl()}/login`);
        await page.getByRole("heading", { name: "Sign in to Taskdeck" }).waitFor();
        problems.push(...(await problemsOf(page, `login${viewport.suffix}-${theme}`)));
        await page.screenshot({ path: path.join(directory, `login${viewport.suffix}-${theme}.png`) });
        await context.close();
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

describe("the page checks", () => {
  it("report text that does not fit its box, sideways scrolling, unnamed controls and axe's findings", async () => {
    const context = await contextFor("light", viewports[1]!, false);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/login`);
    await page.getByRole("heading", { name: "Sign in to Taskdeck" }).waitFor();
    expect(await problemsOf(page, "login")).toEqual([]);
    // Three boxes too small for their text, three that handle it on purpose (an ellipsis, a
    // scroller, screen-reader-only text), a button without a name, pale text and a too-wide box.
    await page.evaluate(() => {
      const checks = document.createElement("div");
      checks.style.cssText = "width: 160px; font: 14px sans-serif";
      checks.innerHTML = `
        <p style="white-space: nowrap">generate_metadata_translations_for_every_locale</p>
        <div style="overflow: hidden; white-space: nowrap">a label far too long for the box that clips it</div>
        <div style="height: 20px; overflow: hidden"><p style="margin: 0">three lines of wrapped text in a box one line high</p></div>
        <p style="overflow: hidden; white-space: nowrap; text-overflow: ellipsis">a long label cut with an ellipsis on purpose</p>
        <div style="overflow-x: auto"><p style="white-space: nowrap">a long line in a box that scrolls sideways</p></div>
        <span style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap">read by screen readers, never seen</span>
        <button type="button"><svg width="16" height="16" aria-hidden="true"></svg></button>
        <p style="color: #9ca3af; background: #ffffff">Pale grey words on white</p>
        <div style="width: 600px; height: 4px"></div>`;
      document.body.append(checks);
    });
    const layout = await layoutProblems(page);
    expect(layout.overflowingText).toEqual([
      expect.stringMatching(/^"generate_metadata_translations_for_every" in <p> sticks out of <p> by \d+px$/),
      expect.stringMatching(/^"a label far too long for the box that cl" in <div> is cut off by <div> \(no ellipsis\) by \d+px$/),
      expect.stringMatching(/^"three lines of wrapped text in a box one" in <p> is cut off at the bottom of <div>$/),
    ]);
    expect(layout.overflow).toBeGreaterThan(200);
    expect(layout.unnamed).toEqual([expect.stringMatching(/^<button type="button">/)]);
    const violations = await seriousViolations(page);
    expect(violations).toContainEqual(expect.stringMatching(/^color-contrast \(serious\) at .+: #9ca3af on #ffffff is 2\.\d+:1, needs 4\.5:1/));
    expect(violations).toContainEqual(expect.stringMatching(/^button-name \(critical\) at /));
    await context.close();
  });
});
