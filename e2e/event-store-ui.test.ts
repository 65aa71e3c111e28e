// The event store in the dashboard, in Chromium: ingest keys (shown once, listed by prefix, revoked,
// deleted and restored), a project's retention policy, and soft-deleted apps and projects restored
// within their grace period; members see the lists without the means to change them.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "@/lib/auth/api-keys";
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

/** A fresh team and project, and a page signed in as one of its users with the role. */
async function teamPageAs(label: string, role: "admin" | "member") {
  const { team, project } = await createTeamWithProject(label);
  const user = await createUser(team.id, role);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, user.email);
  return { team, project, page, close: () => context.close() };
}

const settingsOf = (page: Page, projectSlug: string) => page.goto(`${baseUrl()}/projects/${projectSlug}/settings`);

const ingest = (key: string) =>
  fetch(`${baseUrl()}/api/v1/ingest/events`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ events: [{ kind: "event", name: "app_open", timestamp: new Date().toISOString() }] }),
  });

describe("ingest keys", () => {
  it("are created and shown once, listed by prefix and app, revoked, deleted and restored", async () => {
    const { project, page, close } = await teamPageAs("ingest", "admin");
    const app = await prisma.app.create({ data: { projectId: project.id, name: "Ingest iOS", platform: "apple" } });
    await settingsOf(page, project.slug);
    await page.getByRole("heading", { name: "Ingest keys" }).waitFor();
    await page.getByText("No ingest keys yet.").waitFor();

    const form = page.getByRole("form", { name: "Create an ingest key" });
    await form.getByLabel("Name").fill("iOS production");
    await form.getByLabel("App").selectOption({ label: app.name });
    await form.getByRole("button", { name: "Create ingest key" }).click();
    const shown = page.getByTestId("new-ingest-key");
    await shown.waitFor();
    const key = (await shown.textContent())!.trim();
    expect(key).toMatch(/^tdi_[A-Za-z0-9_-]{40}$/);

    // Only a hash is stored, bound to the app chosen; the key works at once.
    const stored = await prisma.ingestKey.findFirstOrThrow({ where: { projectId: project.id } });
    expect(stored).toMatchObject({ name: "iOS production", appId: app.id, prefix: key.slice(0, 12) });
    expect(stored.hash).not.toBe(key);
    expect((await ingest(key)).status).toBe(202);

    const row = page.getByRole("row", { name: /iOS production/ });
    await row.getByText(`${stored.prefix}…`).waitFor();
    await row.getByText("Ingest iOS").waitFor();
    await row.getByText("Active").waitFor();

    // Leaving the page never shows the key again.
    await page.reload();
    await row.getByText(`${stored.prefix}…`).waitFor();
    await expect(page.getByTestId("new-ingest-key").count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Revoke iOS production" }).click();
    await page.getByRole("dialog", { name: 'Revoke "iOS production"?' }).getByRole("button", { name: "Revoke key" }).click();
    await row.getByText(/^Revoked /).waitFor();
    expect((await prisma.ingestKey.findUniqueOrThrow({ where: { id: stored.id } })).revokedAt).not.toBeNull();
    expect((await ingest(key)).status).toBe(401);

    await page.getByRole("button", { name: "Delete iOS production" }).click();
    const deleteDialog = page.getByRole("dialog", { name: 'Delete "iOS production"?' });
    await deleteDialog.getByText("It can be restored here for 7 days").waitFor();
    await deleteDialog.getByRole("button", { name: "Delete key" }).click();
    await row.getByText("Deleted — removed for good on").waitFor();
    await page.getByRole("button", { name: "Restore iOS production" }).click();
    await row.getByText(/^Revoked /).waitFor();
    expect((await prisma.ingestKey.findUniqueOrThrow({ where: { id: stored.id } })).deletedAt).toBeNull();
    await close();
  });
});

describe("data retention", () => {
  it("saves days per table, keeps blank as the server default, and refuses a bad value on its field", async () => {
    const { project, page, close } = await teamPageAs("retention", "admin");
    await settingsOf(page, project.slug);
    const events = page.getByLabel("Events (days)", { exact: true });
    const metrics = page.getByLabel("Metric events (days)", { exact: true });
    await expect(events.getAttribute("placeholder")).resolves.toMatch(/^default \d+$/);
    await page.getByText(/Blank: the server's default, \d+ days/).first().waitFor();

    await events.fill("30");
    await page.getByRole("button", { name: "Save retention" }).click();
    await expect.poll(async () => (await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).eventsRetentionDays).toBe(30);
    await page.reload();
    await expect.poll(() => events.inputValue()).toBe("30");
    await expect(metrics.inputValue()).resolves.toBe("");

    await metrics.fill("0");
    await page.getByRole("button", { name: "Save retention" }).click();
    await page.getByText("Metric events retention must be at least 1 day").waitFor();
    await expect(metrics.getAttribute("aria-invalid")).resolves.toBe("true");
    const saved = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(saved).toMatchObject({ eventsRetentionDays: 30, metricEventsRetentionDays: null, funnelEventsRetentionDays: null });
    await close();
  });
});

describe("soft deletes", () => {
  it("list a removed app under deleted apps until it is restored", async () => {
    const { project, page, close } = await teamPageAs("softapp", "admin");
    await prisma.app.create({ data: { projectId: project.id, name: "Deletable iOS", platform: "apple", bundleId: "com.example.deletable" } });
    await settingsOf(page, project.slug);

    await page.getByRole("button", { name: "Remove Deletable iOS" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove Deletable iOS?" });
    await dialog.getByText("It can be restored here for 7 days").waitFor();
    await dialog.getByRole("button", { name: "Remove app" }).click();
    const deleted = page.getByRole("listitem", { name: "Deletable iOS (deleted)" });
    await deleted.getByText("Deleted — removed for good on").waitFor();
    await page.getByText("No apps yet").waitFor();

    await deleted.getByRole("button", { name: "Restore Deletable iOS" }).click();
    await page.getByRole("listitem", { name: "Deletable iOS", exact: true }).getByText("com.example.deletable").waitFor();
    await expect.poll(() => deleted.count()).toBe(0);
    expect((await prisma.app.findFirstOrThrow({ where: { projectId: project.id } })).deletedAt).toBeNull();
    await close();
  });

  it("hide a deleted project (its URL answers 404) until it is restored from the team page", async () => {
    const { team, project, page, close } = await teamPageAs("softproject", "admin");
    await settingsOf(page, project.slug);
    await page.getByRole("button", { name: "Delete project" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${project.name}?` });
    await dialog.getByText(`For 7 days an admin can restore it from the team page`).waitFor();
    const confirm = dialog.getByRole("button", { name: "Delete this project" });
    await dialog.getByLabel(`Type ${project.name} to confirm`).fill("not the name");
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(`Type ${project.name} to confirm`).fill(project.name);
    await confirm.click();

    await page.waitForURL(`${baseUrl()}/teams/${team.slug}`);
    const main = page.locator("main");
    const restorable = main.getByRole("listitem", { name: `${project.name} (deleted)` });
    await restorable.getByText("removed for good on").waitFor();
    await expect(main.getByRole("link", { name: new RegExp(project.name) }).count()).resolves.toBe(0);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).deletedAt).not.toBeNull();
    const gone = await page.goto(`${baseUrl()}/projects/${project.slug}/tasks`);
    expect(gone?.status()).toBe(404);
    await page.getByRole("heading", { name: "Nothing here" }).waitFor();

    await page.goto(`${baseUrl()}/teams/${team.slug}`);
    await restorable.getByRole("button", { name: `Restore ${project.name}` }).click();
    await main.getByRole("link", { name: new RegExp(project.name) }).waitFor();
    await expect.poll(() => restorable.count()).toBe(0);
    const response = await page.goto(`${baseUrl()}/projects/${project.slug}/settings`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Ingest keys" }).waitFor();
    await close();
  });
});

describe("members", () => {
  it("see ingest keys, retention and deleted apps without any control to change them", async () => {
    const { team, project, page, close } = await teamPageAs("evmember", "member");
    const app = await prisma.app.create({ data: { projectId: project.id, name: "Member iOS", platform: "apple" } });
    await prisma.app.create({ data: { projectId: project.id, name: "Gone Android", platform: "android", deletedAt: new Date() } });
    const key = `tdi_${randomBytes(30).toString("base64url")}`;
    await prisma.ingestKey.create({ data: { projectId: project.id, appId: app.id, name: "Member-visible key", prefix: key.slice(0, 12), hash: hashKey(key) } });
    await prisma.project.create({ data: { teamId: team.id, name: "Deleted elsewhere", slug: `deleted-${randomBytes(4).toString("hex")}`, deletedAt: new Date() } });

    await settingsOf(page, project.slug);
    await page.getByRole("row", { name: /Member-visible key/ }).getByText(`${key.slice(0, 12)}…`).waitFor();
    await page.getByText("Admins and owners of the team create and revoke them.").waitFor();
    await page.getByRole("listitem", { name: "Gone Android (deleted)" }).waitFor();
    await page.getByText("(server default)").first().waitFor();
    await expect(page.getByRole("form", { name: "Create an ingest key" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /Create ingest key|Revoke|Delete|Restore|Remove|Save retention/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { name: "Danger zone" }).count()).resolves.toBe(0);
    await expect(page.getByRole("textbox").count()).resolves.toBe(0);

    await page.goto(`${baseUrl()}/teams/${team.slug}`);
    await page.getByRole("link", { name: new RegExp(project.name) }).waitFor();
    await expect(page.getByRole("heading", { name: "Deleted projects" }).count()).resolves.toBe(0);
    await close();
  });
});
