// The team's API keys page, in Chromium: create a key (shown once), use it, see it listed with
// its last use, revoke it; bad input gets an inline message; members are turned away.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { demoTeam, prisma } from "./fixtures";

let browser: Browser;
let page: Page;
let teamId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] })).newPage();
  teamId = (await demoTeam()).id;
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

const api = (key: string, path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl()}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" } });

describe("API keys", () => {
  it("are created once-shown, work at once, show their last use, and stop working when revoked", async () => {
    await signIn(page);
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menuitem", { name: "API keys" }).click();
    await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();

    await page.getByLabel("Name").fill("Browser key");
    await page.getByRole("checkbox", { name: /jobs:write/ }).uncheck();
    await page.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByTestId("new-api-key");
    await shown.waitFor();
    const key = (await shown.textContent())!.trim();
    expect(key).toMatch(/^tdk_[A-Za-z0-9_-]{40}$/);
    await page.getByRole("button", { name: "Copy key" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    // Only a hash is stored, with the permissions chosen.
    const stored = await prisma.apiKey.findFirstOrThrow({ where: { teamId, name: "Browser key" } });
    expect(stored.hash).not.toBe(key);
    expect(stored.permissions).toEqual(["jobs:read"]);
    expect(stored.createdById).toBe((await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } })).id);

    const row = page.getByRole("row", { name: /Browser key/ });
    // innerText: what is on screen, without the labels the phone layout adds to each cell.
    await expect(row.innerText()).resolves.toMatch(new RegExp(`Browser key\\s+${stored.prefix}…\\s+jobs:read\\s+${demo.admin.name}.*\\s+Never`, "s"));
    expect((await api(key, "/projects")).status).toBe(200);
    expect((await api(key, `/projects/${demo.project.slug}/jobs`, { method: "POST", body: '{"type":"revenuecat_sync"}' })).status).toBe(403);

    // After a reload the key shows its last use; leaving the page never shows the key again.
    await page.reload();
    await expect(page.getByTestId("new-api-key").count()).resolves.toBe(0);
    // The server renders UTC; the relative time appears once the page has hydrated.
    await page.getByRole("row", { name: /Browser key/ }).getByText(/(just now|seconds? ago)/).first().waitFor();

    await page.getByRole("button", { name: "Revoke Browser key" }).click();
    const dialog = page.getByRole("dialog", { name: 'Revoke "Browser key"?' });
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("row", { name: /Browser key.*Revoked/ }).waitFor();
    expect((await api(key, "/projects")).status).toBe(401);
  });

  it("refuse an empty name with an inline message, creating nothing", async () => {
    const before = await prisma.apiKey.count();
    await page.goto(`${baseUrl()}/teams/${teamId}/api-keys`);
    await page.getByLabel("Name").fill("   ");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByText("name is required").waitFor();
    expect(await page.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("checkbox", { name: /jobs:read/ }).uncheck();
    await page.getByRole("checkbox", { name: /jobs:write/ }).uncheck();
    await page.getByLabel("Name").fill("No permissions");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByText("choose at least one permission").waitFor();
    expect(await prisma.apiKey.count()).toBe(before);
  });

  it("are not for members: the page says so and offers no form", async () => {
    const memberPage = await browser.newPage();
    await signIn(memberPage, demo.member.email);
    await memberPage.goto(`${baseUrl()}/teams/${teamId}/api-keys`);
    await memberPage.getByText(`Only admins and owners of ${demo.team.name} manage its API keys`).waitFor();
    expect(await memberPage.getByRole("button", { name: "Create key" }).count()).toBe(0);
    await memberPage.close();
  });
});
