// The team page's members (issue 20), in Chromium against the started stack: the demo admin adds
// an existing account by email, changes their role and removes them (confirmed); bad input and
// refusals write nothing; a plain member reads the list without controls; the last owner is kept
// by the page and by the admin CLI alike. Also the one-step sign-out from the account menu, the
// /logout page in the login page's layout, and the copy button on run ids. The team page is
// photographed light and dark, wide and phone (docs/screenshots with UPDATE_SCREENSHOTS=1).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { seriousViolations } from "./a11y";
import { baseUrl, launchBrowser, runTaskdeck, sessionCookie, signIn } from "./helpers";
import { layoutProblems } from "./layout";
import { createFinishedRun, createTeamWithProject, createUser, demoTeam, prisma } from "./fixtures";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
let browser: Browser;
let teamId: string;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  teamId = (await demoTeam()).id;
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

/** A context signed in as `email` (the demo admin unless told), in a theme and a width. */
async function contextFor(email: string = demo.admin.email, options: { theme?: "light" | "dark"; width?: number } = {}): Promise<BrowserContext> {
  const { theme = "light", width = 1440 } = options;
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, colorScheme: theme, deviceScaleFactor: 1, permissions: ["clipboard-read", "clipboard-write"] });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), theme);
  const cookie = await sessionCookie(email);
  const equals = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  return context;
}

async function openTeam(page: Page, slug: string = demo.team.slug) {
  await page.goto(`${baseUrl()}/teams/${slug}`);
  await page.getByRole("heading", { name: /^Members/ }).waitFor();
}

const roleIn = async (team: string, userId: string) => (await prisma.membership.findUnique({ where: { teamId_userId: { teamId: team, userId } } }))?.role ?? null;

describe("the team page's members", () => {
  it("lets an admin add an account by email, change its role and remove it, with a confirmation", async () => {
    const account = await createUser(null);
    const context = await contextFor();
    const page = await context.newPage();
    await openTeam(page);
    const members = page.getByRole("list", { name: `Members of ${demo.team.name}` });
    await members.getByRole("listitem", { name: demo.member.name }).waitFor();

    // Bad input and unknown accounts are answered in place, and nothing is written.
    const form = page.getByRole("form", { name: "Add a member" });
    await form.getByLabel("Email of their account").fill("not-an-email");
    await form.getByRole("button", { name: "Add member" }).click();
    await form.getByText("email must be an email address").waitFor();
    expect(await form.getByLabel("Email of their account").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Email of their account").fill("nobody-at-all@e2e.test");
    await form.getByRole("button", { name: "Add member" }).click();
    await form.getByRole("alert").filter({ hasText: "No account with email nobody-at-all@e2e.test" }).waitFor();
    // An admin may give admin or member, never owner.
    expect(await form.getByLabel("Role").locator("option").allTextContents()).toEqual(["Admin", "Member"]);

    await form.getByLabel("Email of their account").fill(account.email);
    await form.getByLabel("Role").selectOption("member");
    await form.getByRole("button", { name: "Add member" }).click();
    const row = members.locator(`[data-member-email="${account.email}"]`);
    await row.waitFor();
    expect(await roleIn(teamId, account.id)).toBe("member");
    expect(await row.textContent()).toContain("Joined");

    await row.getByLabel(`Role of ${account.email}`).selectOption("admin");
    await page.getByText(`${account.email} is now admin`).waitFor();
    expect(await roleIn(teamId, account.id)).toBe("admin");

    await row.getByRole("button", { name: `Remove ${account.email}` }).click();
    const dialog = page.getByRole("dialog", { name: `Remove ${account.name} from ${demo.team.name}?` });
    // "Keep it" closes without removing.
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await roleIn(teamId, account.id)).toBe("admin");
    await row.getByRole("button", { name: `Remove ${account.email}` }).click();
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await row.waitFor({ state: "detached" });
    expect(await roleIn(teamId, account.id)).toBeNull();
    await context.close();
  });

  it("shows a plain member the list, read-only", async () => {
    const context = await contextFor(demo.member.email);
    const page = await context.newPage();
    await openTeam(page);
    const members = page.getByRole("list", { name: `Members of ${demo.team.name}` });
    const admin = members.getByRole("listitem", { name: demo.admin.name });
    await admin.waitFor();
    await admin.getByText("Admin", { exact: true }).waitFor();
    expect(await page.getByRole("form", { name: "Add a member" }).count()).toBe(0);
    expect(await members.getByRole("combobox").count()).toBe(0);
    expect(await members.getByRole("button").count()).toBe(0);
    await context.close();
  });

  it("keeps a team's last owner, on the page and in the admin CLI alike", async () => {
    const { team } = await createTeamWithProject("owners");
    const owner = await createUser(team.id, "owner");
    const context = await contextFor(owner.email);
    const page = await context.newPage();
    await openTeam(page, team.slug);
    // An owner may give every role, owner included.
    await page.getByRole("form", { name: "Add a member" }).getByLabel("Role").waitFor();
    expect(await page.getByRole("form", { name: "Add a member" }).getByLabel("Role").locator("option").allTextContents()).toEqual(["Owner", "Admin", "Member"]);
    await page.getByLabel(`Role of ${owner.email}`).selectOption("admin");
    await page.getByText(`${owner.email} is the last owner of ${team.name}`).waitFor();
    expect(await roleIn(team.id, owner.id)).toBe("owner");
    // The select shows the role kept.
    await page.waitForFunction((email) => (document.querySelector(`select[aria-label="Role of ${email}"]`) as HTMLSelectElement | null)?.value === "owner", owner.email);
    await context.close();

    const cli = await runTaskdeck(["admin", "members", "add", "--team", team.slug, "--email", owner.email, "--role", "member"], "unused");
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain("is the last owner");
    expect(await roleIn(team.id, owner.id)).toBe("owner");
  });

  it("fits a phone and a wide screen, light and dark", async () => {
    const problems: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      for (const [width, suffix] of [
        [1440, ""],
        [390, "-phone"],
      ] as const) {
        const context = await contextFor(demo.admin.email, { theme, width });
        const page = await context.newPage();
        await openTeam(page);
        await page.getByRole("list", { name: `Members of ${demo.team.name}` }).getByRole("listitem", { name: demo.member.name }).waitFor();
        const label = `team${suffix}-${theme}`;
        const { unnamed, overflow, overflowingText } = await layoutProblems(page);
        problems.push(...unnamed.map((html) => `${label}: control without a name: ${html}`));
        if (overflow > 1) problems.push(`${label}: ${overflow}px of sideways scrolling`);
        problems.push(...overflowingText.map((text) => `${label}: text does not fit: ${text}`));
        problems.push(...(await seriousViolations(page)).map((violation) => `${label}: axe ${violation}`));
        await page.screenshot({ path: path.join(directory, `team${suffix}-${theme}.png`), fullPage: true });
        await context.close();
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

describe("the account menu", () => {
  it("signs out in one step, to the login page, and has no stray section header", async () => {
    const user = await createUser(teamId, "admin");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, user.email);
    await page.getByRole("button", { name: /^Account menu/ }).click();
    const menu = page.getByRole("menu");
    await menu.getByRole("menuitem", { name: "API keys" }).waitFor();
    // "API keys" appears once, as the item: no heading of the same name above it.
    expect(await menu.getByText("API keys", { exact: true }).count()).toBe(1);
    await menu.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/login(\?|$)/);
    await page.getByRole("heading", { name: "Sign in to Taskdeck" }).waitFor();
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await page.waitForURL(/\/login\?callbackUrl=/);
    await context.close();
  });

  it("leaves /logout, opened directly, as a confirmation in the login page's layout", async () => {
    // Signing out ends every session of the user: one of their own, so the demo admin's stay.
    const context = await contextFor((await createUser(teamId, "admin")).email);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/logout`);
    await page.getByRole("heading", { name: "Sign out of Taskdeck?" }).waitFor();
    expect(await page.locator("main svg").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login(\?|$)/);
    await context.close();
  });
});

describe("run ids", () => {
  it("are shown once on the run page, and copied by its button and the Runs list's", async () => {
    const project = await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } });
    const run = await createFinishedRun(project.id, "revenuecat_sync", "completed");
    const context = await contextFor();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/runs/${run.id}`);
    await page.getByRole("heading", { name: "Timeline" }).waitFor();
    const main = page.locator("main");
    expect((await main.innerText()).split(run.id.slice(0, 8)).length - 1).toBe(1);
    await page.getByRole("button", { name: "Copy run id", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(run.id);

    await page.evaluate(() => navigator.clipboard.writeText(""));
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/runs`);
    const copy = page.getByRole("button", { name: `Copy run id ${run.id.slice(0, 8)}` });
    await copy.click();
    await page.locator(`[data-run-id="${run.id}"]`).getByRole("status").filter({ hasText: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(run.id);
    // Copying does not open the run the row links to.
    expect(new URL(page.url()).pathname).toBe(`/projects/${demo.project.slug}/runs`);
    await context.close();
  });
});
