// A person's first minutes with Taskdeck, in Chromium: sign in, Run now, watch the bar, Completed.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, signIn } from "./helpers";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => browser?.close());

describe("the Tasks view", () => {
  it("runs RevenueCat Sync with notify, its bar advancing live until it completes", async () => {
    await signIn(page);
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();

    const card = page.getByRole("article", { name: "RevenueCat Sync" });
    await card.getByRole("button", { name: "Run RevenueCat Sync now" }).click();
    const dialog = page.getByRole("dialog", { name: "Run RevenueCat Sync" });
    // The form comes from the type's params schema, with its default filled in.
    await expect(dialog.getByLabel("Page size (optional)").inputValue()).resolves.toBe("20");
    await dialog.getByLabel("Notify me when done").check();
    const triggered = page.waitForResponse((response) => response.url().endsWith("/jobs") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: "Start run" }).click();
    const { run } = (await (await triggered).json()) as { run: { id: string } };
    await page.getByRole("status").filter({ hasText: "RevenueCat Sync started" }).waitFor();

    // The new run is first in Latest runs, and its bar advances while the page polls.
    const row = page.locator(`[data-run-id="${run.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await page.locator("[data-run-id]").first().getAttribute("data-run-id")).toBe(run.id);
    const bar = row.getByRole("progressbar", { name: "RevenueCat Sync progress" });
    const seen = new Set<number>();
    const deadline = Date.now() + 60_000;
    while ((await row.getAttribute("data-run-status")) !== "completed") {
      if (Date.now() > deadline) throw new Error("the run did not complete within 60 s");
      const value = await bar.getAttribute("aria-valuenow", { timeout: 1000 }).catch(() => null);
      if (value !== null) seen.add(Number(value));
      await page.waitForTimeout(100);
    }
    const partial = [...seen].filter((value) => value > 0 && value < 100);
    expect(partial.length, `progress values seen: ${[...seen].join(", ")}`).toBeGreaterThanOrEqual(2);
    await row.getByText("Completed", { exact: true }).waitFor();
    await row.getByText(/^Synced \d+ users, \d+ skipped$/).waitFor();
    await row.getByText(demo.admin.name, { exact: true }).waitFor();

    // The card now shows the last run, and "Notify me when done" was stored on the run.
    await card.getByRole("link", { name: "Last run of RevenueCat Sync" }).getByText("Completed").waitFor();
    // A healthy type's Run now is a quiet action: the primary one is kept for what needs running.
    await card.getByText("Healthy", { exact: true }).waitFor();
    expect(await card.getAttribute("data-state")).toBe("healthy");
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/v1/runs/${id}`)).json()) as { run: { notify: boolean } }, run.id);
    expect(stored.run.notify).toBe(true);
  });

  it("checks params inline before anything is sent", async () => {
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await page.getByRole("button", { name: "Run RevenueCat Sync now" }).click();
    const dialog = page.getByRole("dialog", { name: "Run RevenueCat Sync" });
    const posts: string[] = [];
    page.on("request", (request) => request.method() === "POST" && request.url().endsWith("/jobs") && posts.push(request.url()));
    await dialog.getByLabel("Page size (optional)").fill("500");
    await dialog.getByRole("button", { name: "Start run" }).click();
    await dialog.getByText("Page size must be at most 100 (RevenueCat's page limit)").waitFor();
    expect(await dialog.getByLabel("Page size (optional)").getAttribute("aria-invalid")).toBe("true");
    expect(posts).toEqual([]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("sends signed-out visitors to the login page, and signs out", async () => {
    const visitor = await browser.newPage();
    await visitor.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await visitor.waitForURL(/\/login\?callbackUrl=/);
    await visitor.close();

    await page.getByRole("button", { name: /^Account menu/ }).click();
    // One step: the menu's Sign out lands on the login page (issue 20).
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await page.waitForURL(/\/login\?callbackUrl=/);
  });

  it("refuses a wrong password with a message", async () => {
    await page.goto(`${baseUrl()}/login`);
    await page.getByLabel("Email").fill(demo.admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Next.js keeps an empty route announcer with role="alert" too; the form's alert is the one with text.
    const alert = page.getByRole("alert").filter({ hasText: "do not match" });
    await alert.waitFor({ timeout: 10_000 });
    await expect(alert.textContent()).resolves.toBe("That email and password do not match an account.");
    expect(page.url()).toContain("/login");
  });

  it("shows a member the job types without Run now, and the API refuses the member", async () => {
    await signIn(page, demo.member.email);
    await page.getByText("Jobs need the admin or owner role").waitFor();
    await expect(page.getByRole("button", { name: /Run .* now/ }).count()).resolves.toBe(0);
    await page.getByRole("article", { name: "RevenueCat Sync" }).waitFor();
    // Runs, Failures and Schedules are not offered, and opening them directly says why.
    await expect(page.getByRole("link", { name: "Runs" }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/runs`);
    await page.getByText("Runs need the admin or owner role in this team.").waitFor();
    const refused = await page.evaluate(async (slug) => {
      const response = await fetch(`/api/v1/projects/${slug}/jobs`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"type":"revenuecat_sync"}' });
      return { status: response.status, body: (await response.json()) as { error: { message: string } } };
    }, demo.project.slug);
    expect(refused).toEqual({ status: 403, body: { error: { code: "forbidden", message: "Jobs need the admin or owner role in this team", permission: "jobs:write" } } });
  });
});
