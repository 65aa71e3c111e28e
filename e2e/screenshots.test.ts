// The main pages, light and dark, at desktop and phone widths. Each page must fit a phone without
// sideways scrolling and give every control a name a screen reader can say. The screenshots go to
// test-results/screenshots, or to docs/screenshots with UPDATE_SCREENSHOTS=1 (to be looked at).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";
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
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${brokenSlug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: '{"type":"revenuecat_sync"}',
    });
    failedRunId = ((await response.json()) as { run: { id: string } }).run.id;
    await waitUntilFinished(failedRunId);
  }
  // A lived-in demo project: finished runs of both kinds, and one still running for the bars.
  const trigger = async (type: string, params: Record<string, unknown> = {}) => {
    const response = await fetch(`${baseUrl()}/api/v1/projects/${demo.project.slug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type, params }),
    });
    return ((await response.json()) as { run: { id: string } }).run.id;
  };
  await waitUntilFinished(await trigger("pull_all"), 60_000);
  await waitUntilFinished(await trigger("revenuecat_sync"), 60_000);
  await prisma.projectSchedule.deleteMany({ where: { project: { slug: demo.project.slug } } });
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

async function contextFor(theme: "light" | "dark", width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme, deviceScaleFactor: 1 });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
  const cookie = await sessionCookie(demo.admin.email);
  const equals = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  return context;
}

// Controls without a name (no text, label, aria-label or title) and the page's sideways overflow.
async function audit(page: Page) {
  return page.evaluate(() => {
    const nameOf = (element: HTMLElement) => {
      const labelled = element.getAttribute("aria-labelledby");
      const byId = labelled ? labelled.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
      const label = element.id ? (document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent ?? "") : "";
      const wrapping = element.closest("label")?.textContent ?? "";
      return [element.getAttribute("aria-label"), byId, label, wrapping, element.textContent, element.getAttribute("title")].join("").trim();
    };
    const controls = [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [role=button], [role=menuitem]")].filter(
      (element) => element.offsetParent !== null && (element as HTMLInputElement).type !== "hidden",
    );
    return {
      unnamed: controls.filter((element) => !nameOf(element)).map((element) => element.outerHTML.slice(0, 120)),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

const pages = () => [
  { name: "tasks", url: `/projects/${demo.project.slug}/tasks`, ready: "Latest runs" },
  { name: "runs", url: `/projects/${demo.project.slug}/runs`, ready: "Runs" },
  { name: "run-running", url: `/projects/${demo.project.slug}/runs/${runningRunId!}`, ready: "Timeline" },
  { name: "run-failed", url: `/projects/${brokenSlug}/runs/${failedRunId}`, ready: "Timeline" },
  { name: "failures", url: `/projects/${brokenSlug}/failures`, ready: "Failures" },
  { name: "schedules", url: `/projects/${demo.project.slug}/schedules`, ready: "Schedules" },
  { name: "issues", url: `/projects/${demo.project.slug}/issues`, ready: "Issues" },
  { name: "issue", url: `/projects/${demo.project.slug}/issues/${issueId}`, ready: "Stack" },
  { name: "settings", url: `/projects/${demo.project.slug}/settings`, ready: "Settings" },
  { name: "team", url: `/teams/${demo.team.slug}`, ready: demo.team.name },
  { name: "api-keys", url: `/teams/${demo.team.slug}/api-keys`, ready: "API keys" },
  { name: "notifications", url: `/teams/${demo.team.slug}/notifications`, ready: "Notifications" },
  { name: "webhook", url: `/teams/${demo.team.slug}/webhooks/${webhookId}`, ready: "Incident relay" },
];

describe("the main pages", () => {
  it.each(["light", "dark"] as const)("look finished in the %s theme, on a wide screen and a phone", async (theme) => {
    const problems: string[] = [];
    for (const [width, suffix] of [
      [1280, ""],
      [390, "-phone"],
    ] as const) {
      await startSlowRun();
      const context = await contextFor(theme, width);
      const page = await context.newPage();
      for (const target of pages()) {
        await page.goto(`${baseUrl()}${target.url}`);
        if (target.name === "schedules" && (await page.getByLabel("Run every").inputValue()) === "off") {
          await page.getByLabel("Run every").selectOption("15");
          await page.getByText("Every 15 minutes (UTC)").waitFor();
        }
        await page.getByRole("heading", { name: target.ready }).first().waitFor();
        // Live data (runs, stats) arrives after the first paint: wait until nothing is loading.
        await page.locator('[role=status][aria-label^="Loading"]').first().waitFor({ state: "detached" });
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
        const { unnamed, overflow } = await audit(page);
        if (unnamed.length > 0) problems.push(`${target.name}${suffix}: controls without a name: ${unnamed.join(" | ")}`);
        if (overflow > 1) problems.push(`${target.name}${suffix}: ${overflow}px of sideways scrolling at ${width}px`);
        if (width === 1280 || ["tasks", "runs", "settings", "notifications", "webhook"].includes(target.name)) {
          await page.screenshot({ path: path.join(directory, `${target.name}${suffix}-${theme}.png`), fullPage: width === 1280 });
        }
        if (target.name === "settings") {
          // The add-app form, which must fit a phone as well.
          await page.getByRole("button", { name: "Add app" }).click();
          const dialog = page.getByRole("dialog", { name: "Add an app" });
          await dialog.getByLabel("Name").waitFor();
          const form = await audit(page);
          if (form.unnamed.length > 0) problems.push(`add-app${suffix}: controls without a name: ${form.unnamed.join(" | ")}`);
          if (form.overflow > 1) problems.push(`add-app${suffix}: ${form.overflow}px of sideways scrolling at ${width}px`);
          await page.screenshot({ path: path.join(directory, `settings-add-app${suffix}-${theme}.png`) });
          await dialog.getByRole("button", { name: "Cancel" }).click();
        }
        if (target.name === "notifications") {
          await page.getByRole("button", { name: "Add webhook" }).click();
          const dialog = page.getByRole("dialog", { name: "Add a webhook" });
          await dialog.getByLabel("Payload URL").waitFor();
          const form = await audit(page);
          if (form.unnamed.length > 0) problems.push(`add-webhook${suffix}: controls without a name: ${form.unnamed.join(" | ")}`);
          if (form.overflow > 1) problems.push(`add-webhook${suffix}: ${form.overflow}px of sideways scrolling at ${width}px`);
          await page.screenshot({ path: path.join(directory, `notifications-add-webhook${suffix}-${theme}.png`) });
          await dialog.getByRole("button", { name: "Cancel" }).click();
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it("include the sign-in page", async () => {
    for (const theme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
      await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/login`);
      await page.getByRole("heading", { name: "Sign in to Taskdeck" }).waitFor();
      expect((await audit(page)).unnamed).toEqual([]);
      await page.screenshot({ path: path.join(directory, `login-${theme}.png`) });
      await context.close();
    }
  });
});
