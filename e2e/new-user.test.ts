// What a new user ran into (issue 17), in Chromium: the favicon, a run page on a phone with a long
// result, relative times that move on, the Runs list's times in its own order, a run page that
// follows its retry, and no Cancel button on a finished run.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createFinishedRun, createKey, createLargeProject, createProject, demoTeam, prisma, waitUntilFinished } from "./fixtures";

const shots = "/tmp/taskdeck-e2e-new-user";
let browser: Browser;
let page: Page;
let teamId: string;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  teamId = (await demoTeam()).id;
  await signIn(page);
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

/** Calls the API as another admin would, with a key of the team. */
async function api(path: string, method = "GET") {
  const { key } = await createKey(teamId, ["jobs:read", "jobs:write"]);
  const response = await fetch(`${baseUrl()}${path}`, { method, headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body: method === "POST" ? "{}" : undefined });
  return { status: response.status, body: (await response.json()) as { run: { id: string; status: string } } };
}

describe("the favicon", () => {
  it("is an image at /favicon.ico, and the pages link an icon that loads", async () => {
    const response = await fetch(`${baseUrl()}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\//);
    // An ICO file: reserved 0, type 1 (icon), at least one image.
    const header = new DataView(await response.arrayBuffer());
    expect([header.getUint16(0, true), header.getUint16(2, true), header.getUint16(4, true) > 0]).toEqual([0, 1, true]);

    await page.goto(`${baseUrl()}/login`);
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) {
      const answer = await fetch(icon);
      expect([icon, answer.status, answer.headers.get("content-type")?.startsWith("image/")]).toEqual([icon, 200, true]);
    }
  });
});

describe("a run page on a phone", () => {
  it("wraps a long token and a long URL in the result instead of scrolling sideways", async () => {
    const project = await createProject(teamId, "long-result");
    const run = await createFinishedRun(project.id, "revenuecat_sync", "completed");
    const token = randomBytes(225).toString("base64url"); // 300 characters, no break opportunity
    const url = `https://hooks.example.com/${"a".repeat(120)}/callback?signature=${randomBytes(60).toString("hex")}`;
    await prisma.jobRun.update({ where: { id: run.id }, data: { result: { token, url, synced: 3 }, params: { cursor: token } } });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone);
    await phone.goto(`${baseUrl()}/projects/${project.slug}/runs/${run.id}`);
    const result = phone.getByRole("region", { name: "Result" });
    await result.getByText(token, { exact: false }).waitFor();
    await phone.screenshot({ path: `${shots}/run-long-result-phone.png`, fullPage: true });
    const widths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, JSON.stringify(widths)).toBeLessThanOrEqual(widths.inner);
    // The value is all there, wrapped inside its block.
    const box = (await result.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect(result.textContent()).resolves.toContain(url);
    await phone.close();
  });
});

describe("relative times", () => {
  it("move on by themselves on the Runs and Tasks pages: 1 minute ago becomes 2 minutes ago", async () => {
    const project = await createProject(teamId, "ticking");
    const run = await createFinishedRun(project.id, "revenuecat_sync", "completed");
    const timed = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page's clock a minute after the run was created; it runs on from there unless moved.
    await timed.clock.install({ time: new Date(run.createdAt.getTime() + 61_000) });
    await signIn(timed);

    await timed.goto(`${baseUrl()}/projects/${project.slug}/runs`);
    const row = timed.locator(`[data-run-id="${run.id}"]`);
    // The row's time column (phones see the same time in a line of their own, hidden here).
    const shown = row.locator("time:visible");
    await shown.getByText("1 minute ago", { exact: true }).waitFor();
    await timed.clock.fastForward(60_000);
    await shown.getByText("2 minutes ago", { exact: true }).waitFor();

    await timed.goto(`${baseUrl()}/projects/${project.slug}/tasks`);
    const lastRun = timed.getByRole("article", { name: "RevenueCat Sync" }).locator("time");
    await lastRun.getByText("2 minutes ago", { exact: true }).waitFor();
    await timed.clock.fastForward(60_000);
    await lastRun.getByText("3 minutes ago", { exact: true }).waitFor();
    await timed.close();
  });
});

describe("the Runs list", () => {
  it("shows when each run was triggered, so its times follow its order, and how long a lane run waited", async () => {
    const project = await createProject(teamId, "lane-order");
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    // Triggered first but started last: it waited nine minutes behind its lane.
    const waited = await prisma.jobRun.create({
      data: { type: "pull_changes", projectId: project.id, status: "completed", triggerKind: "api_key", createdAt: ago(10), startedAt: ago(1), finishedAt: ago(0.5) },
    });
    const prompt = await prisma.jobRun.create({
      data: { type: "pull_all", projectId: project.id, status: "completed", triggerKind: "api_key", createdAt: ago(5), startedAt: ago(5), finishedAt: ago(4) },
    });
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs`);
    await page.locator(`[data-run-id="${waited.id}"]`).waitFor();
    const rows = await page.locator("[data-run-id]").evaluateAll((items) =>
      items.map((item) => ({ id: item.getAttribute("data-run-id"), times: [...item.querySelectorAll("time")].map((time) => time.getAttribute("datetime")) })),
    );
    expect(rows).toEqual([
      { id: prompt.id, times: [prompt.createdAt.toISOString(), prompt.createdAt.toISOString()] },
      { id: waited.id, times: [waited.createdAt.toISOString(), waited.createdAt.toISOString()] },
    ]);
    await page.locator(`[data-run-id="${waited.id}"]`).getByText("waited 9 min 0 s", { exact: true }).waitFor();
    expect(await page.locator(`[data-run-id="${prompt.id}"]`).getByText(/waited/).count()).toBe(0);
  });
});

describe("a run page", () => {
  it("offers no Cancel button once the run has finished", async () => {
    const project = await createProject(teamId, "finished");
    for (const status of ["completed", "failed", "cancelled"] as const) {
      const run = await createFinishedRun(project.id, "revenuecat_sync", status);
      await page.goto(`${baseUrl()}/projects/${project.slug}/runs/${run.id}`);
      await page.locator(`h1 + [data-status="${status}"]`).waitFor();
      expect(await page.getByRole("button", { name: "Cancel run" }).count(), status).toBe(0);
    }
    // A failed or cancelled run still offers Retry.
    await page.getByRole("button", { name: "Retry", exact: true }).waitFor();
  });

  it("follows its retry's status while the page is open, to the end", async () => {
    // A large account keeps the retry running long enough to be seen running.
    const large = await createLargeProject(teamId);
    const failed = await createFinishedRun(large.id, "revenuecat_sync", "failed");
    await page.goto(`${baseUrl()}/projects/${large.slug}/runs/${failed.id}`);
    await page.getByRole("heading", { name: "About this run" }).waitFor();

    const retried = await api(`/api/v1/runs/${failed.id}/retry`, "POST");
    expect(retried.status).toBe(202);
    const link = page.locator(`a[href$="/runs/${retried.body.run.id}"]`);
    await link.locator('[data-status="running"]').waitFor({ timeout: 30_000 });

    expect((await api(`/api/v1/runs/${retried.body.run.id}/cancel`, "POST")).status).toBeLessThan(300);
    expect((await waitUntilFinished(retried.body.run.id)).status).toBe("cancelled");
    // No reload: the page's own polling brings the retry's new status.
    await link.locator('[data-status="cancelled"]').waitFor();
  });
});
