// Issues in the dashboard, in Chromium: a project's open issues with their counts, filtered through
// the URL; an issue's page with its stack and recent events, resolved and ignored by an admin;
// members see the same issues without the means to change them; the project's digest cadence.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createTeamWithProject, createUser, prisma } from "./fixtures";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

const stack = [
  "TypeError: Cannot read properties of undefined (reading 'plan')",
  "    at SubscriptionScreen.render (app://bundle/src/screens/subscription/SubscriptionScreen.tsx:88:31)",
  "    at renderWithHooks (app://bundle/node_modules/react-native/Libraries/Renderer/implementations/ReactNativeRenderer-production.js:4021:22)",
  "    at beginWork (app://bundle/node_modules/react-native/Libraries/Renderer/implementations/ReactNativeRenderer-production.js:6012:16)",
].join("\n");

interface IssueSpec {
  title: string;
  status?: "new" | "regressed" | "resolved" | "ignored";
  minutesAgo: number;
  count: number;
  users: number;
  versions: string[];
  production?: boolean;
  /** Error events of the issue (same fingerprint), newest first. */
  events?: Array<{ environment: "production" | "development"; appVersion: string; userId: string; sessionId: string; minutesAgo: number }>;
}

/** A fresh team and project with issues written as issue_scan writes them, and pages signed in as its admin or member. */
async function projectWithIssues(label: string, specs: IssueSpec[]) {
  const { team, project } = await createTeamWithProject(label);
  const ids: Record<string, string> = {};
  for (const spec of specs) {
    const fingerprint = randomUUID().replaceAll("-", "");
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const issue = await prisma.issue.create({
      data: {
        projectId: project.id,
        fingerprint,
        title: spec.title,
        errorType: spec.title.split(":")[0],
        message: `${spec.title} (latest)`,
        stack,
        status: spec.status ?? "new",
        eventCount: spec.count,
        usersAffected: spec.users,
        firstSeenAt: at(spec.minutesAgo + 600),
        lastSeenAt: at(spec.minutesAgo),
        appVersions: spec.versions,
        inProduction: spec.production ?? true,
        resolvedAt: spec.status === "resolved" ? at(spec.minutesAgo) : null,
      },
    });
    ids[spec.title] = issue.id;
    for (const event of spec.events ?? []) {
      await prisma.event.create({
        data: { id: randomUUID(), projectId: project.id, occurredAt: at(event.minutesAgo), name: "crash", level: "error", message: `${spec.title} in ${event.sessionId}`, fingerprint, environment: event.environment, appVersion: event.appVersion, appUserId: event.userId, sessionId: event.sessionId },
      });
    }
  }
  const pageAs = async (role: "admin" | "member", width = 1280) => {
    const user = await createUser(team.id, role);
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, user.email);
    return { page, close: () => context.close() };
  };
  return { team, project, ids, pageAs };
}

const crash: IssueSpec = {
  title: "TypeError: Cannot read properties of undefined (reading 'plan')",
  minutesAgo: 2,
  count: 12,
  users: 5,
  versions: ["2.1.0", "2.0.3"],
  events: [
    { environment: "production", appVersion: "2.1.0", userId: "user-e2e-1", sessionId: "session-e2e-1", minutesAgo: 2 },
    { environment: "development", appVersion: "2.0.3", userId: "user-e2e-2", sessionId: "session-e2e-2", minutesAgo: 20 },
  ],
};
const regressed: IssueSpec = { title: "RangeError: Invalid array length", status: "regressed", minutesAgo: 5, count: 4, users: 2, versions: ["2.0.3"] };
const resolved: IssueSpec = { title: "NetworkError: request timed out", status: "resolved", minutesAgo: 30, count: 40, users: 31, versions: ["1.9.0"] };
const devOnly: IssueSpec = { title: "MockServerError: fixture missing", minutesAgo: 10, count: 3, users: 1, versions: ["2.2.0-beta"], production: false };

const row = (page: Page, title: string) => page.getByRole("listitem", { name: title, exact: true });
const issuesOf = (page: Page, slug: string, query = "") => page.goto(`${baseUrl()}/projects/${slug}/issues${query}`);
// Times switch from UTC to "… ago" once the page has hydrated: after that, filters apply on change.
const hydrated = (page: Page, title: string) => row(page, title).locator("time:visible", { hasText: / ago$/ }).first().waitFor();
const rows = (page: Page) => page.getByRole("list", { name: "Issues" }).getByRole("listitem");
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the issues list", () => {
  it("shows open issues with their counts, and filters by status, environment, version and title", async () => {
    const { project, pageAs } = await projectWithIssues("issuelist", [crash, regressed, resolved, devOnly]);
    const { page, close } = await pageAs("admin");
    await page.goto(`${baseUrl()}/projects/${project.slug}/tasks`);
    await page.getByRole("navigation", { name: /Project pages/ }).getByRole("link", { name: "Issues" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${project.slug}/issues`);

    await row(page, crash.title).getByText("12 events", { exact: true }).waitFor();
    await row(page, crash.title).getByText("5 users affected", { exact: true }).waitFor();
    await row(page, crash.title).getByText("2.1.0", { exact: true }).waitFor();
    await row(page, regressed.title).locator('[data-status="regressed"]').waitFor();
    await row(page, devOnly.title).getByText("Development only").waitFor();
    await expect(row(page, resolved.title).count()).resolves.toBe(0);
    await hydrated(page, crash.title);

    await page.getByLabel("Status").selectOption("resolved");
    await page.waitForURL(/\?status=resolved$/);
    await row(page, resolved.title).getByText("40 events", { exact: true }).waitFor();
    await expect(rows(page).count()).resolves.toBe(1);

    await page.getByLabel("Status").selectOption("open");
    await page.waitForURL(`${baseUrl()}/projects/${project.slug}/issues`);
    await row(page, crash.title).waitFor();
    await page.getByLabel("Environment").selectOption("production");
    await page.waitForURL(/\?environment=production$/);
    await row(page, devOnly.title).waitFor({ state: "detached" });
    await row(page, crash.title).waitFor();

    await page.getByLabel("Environment").selectOption("any");
    await page.waitForURL(`${baseUrl()}/projects/${project.slug}/issues`);
    await page.getByLabel("App version").fill("2.2.0-beta");
    await page.getByRole("button", { name: "Apply" }).click();
    await row(page, crash.title).waitFor({ state: "detached" });
    await row(page, devOnly.title).waitFor();

    await page.getByLabel("App version").fill("");
    await page.getByLabel("Search titles").fill("array");
    await page.getByLabel("Search titles").press("Enter");
    await page.waitForURL(/\?q=array$/);
    await row(page, regressed.title).waitFor();
    await expect(rows(page).count()).resolves.toBe(1);

    await page.getByLabel("Search titles").fill("no such words");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByText("No issues match these filters").waitFor();
    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await row(page, crash.title).waitFor();
    await expect(page.getByLabel("Search titles").inputValue()).resolves.toBe("");
    await close();
  });

  it("pages through the cursor", async () => {
    const many = Array.from({ length: 27 }, (_, index): IssueSpec => ({ title: `PagedError: number ${index + 1}`, minutesAgo: index + 1, count: 1, users: 1, versions: ["1.0.0"] }));
    const { project, pageAs } = await projectWithIssues("issuepages", many);
    const { page, close } = await pageAs("member");
    await issuesOf(page, project.slug);
    await row(page, "PagedError: number 25").waitFor();
    await expect(rows(page).count()).resolves.toBe(25);
    await page.getByRole("link", { name: "Next page" }).click();
    await row(page, "PagedError: number 27").waitFor();
    await expect(rows(page).count()).resolves.toBe(2);
    await expect(page.getByRole("link", { name: "Next page" }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: "First page" }).click();
    await row(page, "PagedError: number 1").waitFor();
    await close();
  });

  it("says how issues come when none is open, and what each status holds", async () => {
    const { project, pageAs } = await projectWithIssues("issuenone", [resolved]);
    const { page, close } = await pageAs("admin");
    await issuesOf(page, project.slug);
    await page.getByText("No open issues").waitFor();
    await page.getByText(/Error events sent to the ingest API become issues within the hour, when issue_scan runs/).waitFor();
    await issuesOf(page, project.slug, "?status=ignored");
    await page.getByText("No ignored issues").waitFor();
    await issuesOf(page, project.slug, "?status=all");
    await row(page, resolved.title).waitFor();
    await close();
  });
});

describe("an issue's page", () => {
  it("shows the stack and recent events, and an admin resolves and ignores", async () => {
    const { project, ids, pageAs } = await projectWithIssues("issuepage", [crash, regressed]);
    const { page, close } = await pageAs("admin");
    await issuesOf(page, project.slug);
    await row(page, crash.title).getByRole("link", { name: crash.title }).click();
    await page.waitForURL(`${baseUrl()}/projects/${project.slug}/issues/${ids[crash.title]}`);
    await page.getByRole("heading", { level: 1, name: crash.title }).waitFor();
    await page.locator("pre").getByText("SubscriptionScreen.tsx:88:31", { exact: false }).waitFor();
    await page.getByText(`${crash.title} (latest)`).waitFor();
    const events = page.getByRole("region", { name: "Recent events" });
    await events.getByRole("row", { name: /user-e2e-1/ }).getByRole("cell", { name: "session-e2e-1", exact: true }).waitFor();
    await events.getByRole("row", { name: /user-e2e-2/ }).getByText("Development").waitFor();
    await expect(events.getByRole("row").count()).resolves.toBe(3);

    await page.getByRole("button", { name: "Resolve" }).click();
    await page.locator('main [data-status="resolved"]').getByText("Resolved").waitFor();
    await page.getByRole("button", { name: "Resolve" }).waitFor({ state: "detached" });
    await expect.poll(async () => (await prisma.issue.findUniqueOrThrow({ where: { id: ids[crash.title]! } })).status).toBe("resolved");

    await issuesOf(page, project.slug);
    await row(page, regressed.title).waitFor();
    await expect(row(page, crash.title).count()).resolves.toBe(0);
    await issuesOf(page, project.slug, "?status=resolved");
    await row(page, crash.title).waitFor();

    await page.goto(`${baseUrl()}/projects/${project.slug}/issues/${ids[regressed.title]}`);
    await page.getByRole("button", { name: "Ignore" }).click();
    await page.locator('main [data-status="ignored"]').getByText("Ignored").waitFor();
    await expect.poll(async () => (await prisma.issue.findUniqueOrThrow({ where: { id: ids[regressed.title]! } })).status).toBe("ignored");
    await close();
  });

  it("is shown to members without Resolve or Ignore", async () => {
    const { project, ids, pageAs } = await projectWithIssues("issuemember", [crash, regressed]);
    const { page, close } = await pageAs("member");
    await issuesOf(page, project.slug);
    await row(page, regressed.title).waitFor();
    await row(page, crash.title).getByRole("link", { name: crash.title }).click();
    await page.getByRole("heading", { level: 1, name: crash.title }).waitFor();
    await page.getByRole("region", { name: "Recent events" }).getByRole("cell", { name: "session-e2e-1", exact: true }).waitFor();
    await expect(page.getByRole("button", { name: /^(Resolve|Ignore)$/ }).count()).resolves.toBe(0);
    expect((await prisma.issue.findUniqueOrThrow({ where: { id: ids[crash.title]! } })).status).toBe("new");
    await close();
  });

  it("is not found for an unknown id or another project's issue", async () => {
    const { project, pageAs } = await projectWithIssues("issuemissing", [regressed]);
    const { ids: elsewhere } = await projectWithIssues("issueother", [crash]);
    const { page, close } = await pageAs("admin");
    for (const id of [randomUUID(), "not-an-id", elsewhere[crash.title]!]) {
      await page.goto(`${baseUrl()}/projects/${project.slug}/issues/${id}`);
      await page.getByRole("heading", { name: "Nothing here" }).waitFor();
    }
    await close();
  });

  it("fits a phone: the stack and events scroll inside their frames", async () => {
    const { project, ids, pageAs } = await projectWithIssues("issuephone", [crash, devOnly]);
    const { page, close } = await pageAs("admin", 390);
    await issuesOf(page, project.slug);
    await row(page, crash.title).getByText("12 events · 5 users · last seen", { exact: false }).waitFor();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
    await page.goto(`${baseUrl()}/projects/${project.slug}/issues/${ids[crash.title]}`);
    await page.locator("pre").getByText("ReactNativeRenderer-production.js:4021:22", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Resolve" }).waitFor();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
    await close();
  });
});

describe("the issue digest in project settings", () => {
  it("is chosen by an admin, kept after a reload, and read by members", async () => {
    const { project, pageAs } = await projectWithIssues("issuedigest", []);
    const { page, close } = await pageAs("admin");
    await page.goto(`${baseUrl()}/projects/${project.slug}/settings`);
    await page.getByRole("heading", { name: "Issue digest" }).waitFor();
    const cadence = page.getByLabel("Send a digest");
    await expect(cadence.inputValue()).resolves.toBe("daily");
    await cadence.selectOption("weekly");
    await page.getByText("Once a week, covering the last 7 days").waitFor();
    await page.getByRole("button", { name: "Save digest" }).click();
    await expect.poll(async () => (await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).digestCadence).toBe("weekly");
    await page.reload();
    await expect.poll(() => cadence.inputValue()).toBe("weekly");
    await close();

    const member = await pageAs("member");
    await member.page.goto(`${baseUrl()}/projects/${project.slug}/settings`);
    const section = member.page.getByRole("region", { name: "Issue digest" });
    await section.getByText("Weekly", { exact: true }).waitFor();
    await expect(section.getByRole("button").count()).resolves.toBe(0);
    await expect(section.getByLabel("Send a digest").count()).resolves.toBe(0);
    await member.close();
  });
});
