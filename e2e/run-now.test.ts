// A person's first minutes with Taskdeck, in Chromium: sign in, Run now, watch the bar, Completed.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { brokenProject } from "./setup/stack";
import { baseUrl, launchBrowser, signIn } from "./helpers";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => browser?.close());

describe("the Tasks view", () => {
  it("runs RevenueCat Sync with a live progress bar until it completes", async () => {
    await signIn(page);
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await expect(page.getByRole("heading", { name: "Tasks" }).isVisible()).resolves.toBe(true);

    const card = page.getByRole("article", { name: "RevenueCat Sync" });
    await card.getByLabel("Notify me when done").check();
    const triggered = page.waitForResponse((response) => response.url().endsWith("/jobs") && response.request().method() === "POST");
    await card.getByRole("button", { name: "Run RevenueCat Sync now" }).click();
    const { run } = (await (await triggered).json()) as { run: { id: string } };

    // The new run appears at the top and its bar advances while the dashboard polls.
    const row = page.locator(`li[data-run-id="${run.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await page.locator("li[data-run-id]").first().getAttribute("data-run-id")).toBe(run.id);
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

    await expect(row.getByText("Completed", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(bar.getAttribute("aria-valuenow")).resolves.toBe("100");
    await expect(row.getByText(/^Synced \d+ users, \d+ skipped$/).isVisible()).resolves.toBe(true);
    await expect(row.getByText(`by ${demo.admin.name}`, { exact: false }).isVisible()).resolves.toBe(true);

    // "Notify me when done" was stored on the run.
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/v1/runs/${id}`)).json()) as { run: { notify: boolean } }, run.id);
    expect(stored.run.notify).toBe(true);

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/tasks-completed.png", fullPage: true });
  });

  it("shows the error message of a failed run", async () => {
    await page.goto(`${baseUrl()}/projects/${brokenProject.slug}/tasks`);
    // The runs load after the page; a project without runs says what to do next.
    await page.getByText("No runs yet").waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Run RevenueCat Sync now" }).click();
    const row = page.locator('li[data-run-status="failed"]');
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getByText("RevenueCat 401 authentication_error: Invalid API key").isVisible()).resolves.toBe(true);
    await expect(row.getByText("Failed", { exact: true }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: "test-results/tasks-failed.png", fullPage: true });
  });

  it("sends signed-out visitors to the login page, and signs out", async () => {
    const visitor = await browser.newPage();
    await visitor.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await visitor.waitForURL(/\/login\?callbackUrl=/);
    await visitor.close();

    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
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

  it("shows a member the job types without Run now", async () => {
    await signIn(page, demo.member.email);
    await expect(page.getByText("Jobs need the admin or owner role").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: /Run .* now/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("article", { name: "RevenueCat Sync" }).isVisible()).resolves.toBe(true);
  });
});
