// The store syncs on every surface the seed names, against the running stack and its sandboxes:
// the seed routes (202, 409 on overlap, permissions), the seed CLI commands with --wait and --json,
// app_version_sync refused by the API, the CLI and the admin CLI, and the Tasks page running App
// Store Ratings Sync for the demo project with its per-storefront bar.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodes } from "@/cli/exit-codes";
import { marketedStorefronts } from "@/lib/itunes/storefronts";
import { demo } from "@/prisma/seed";
import { createKey, createTeamWithProject, demoTeam, prisma, waitUntilFinished } from "./fixtures";
import { baseUrl, launchBrowser, runTaskdeck, signIn } from "./helpers";

let key: string;
let readOnlyKey: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const team = await demoTeam();
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
  key = (await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: admin.id })).key;
  readOnlyKey = (await createKey(team.id, ["jobs:read"])).key;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

const api = (path: string, init: RequestInit & { key?: string } = {}) =>
  fetch(`${baseUrl()}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${init.key ?? key}`, "Content-Type": "application/json", ...init.headers } });

const taskdeck = (args: string[]) => runTaskdeck(args, key);

const refusal = "App Version Sync (app_version_sync) runs only on its schedule (At 15 minutes past the hour (UTC)); it cannot be triggered";

describe("the seed routes", () => {
  it("POST …/ratings/sync runs app_store_ratings_sync for the project: 202, then 409 naming the active run", async () => {
    const first = await api(`/projects/${demo.project.slug}/ratings/sync`, { method: "POST" });
    expect(first.status).toBe(202);
    const { run } = (await first.json()) as { run: { id: string; type: string; projectId: string; trigger: { kind: string } } };
    const project = await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } });
    expect(run).toMatchObject({ type: "app_store_ratings_sync", projectId: project.id, trigger: { kind: "api_key" } });

    const again = await api(`/projects/${demo.project.slug}/ratings/sync`, { method: "POST", body: JSON.stringify({ notify: true }) });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "job_already_running", existingRunId: run.id } });

    const done = await waitUntilFinished(run.id, 60_000);
    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ storefronts: marketedStorefronts.length, storefronts_throttled: [], apps: [{ app: "Demo App for iOS", app_store_id: "1500000001" }] });
    const app = await prisma.app.findFirstOrThrow({ where: { projectId: project.id, platform: "apple", deletedAt: null } });
    expect(app.ratingCount).toBeGreaterThan(0);
    expect(await prisma.appStoreRating.count({ where: { appId: app.id } })).toBe(marketedStorefronts.length);
  });

  it("POST …/integrations/app-store-connect/sync runs app_store_connect_reviews_sync for the project", async () => {
    const response = await api(`/projects/${demo.project.slug}/integrations/app-store-connect/sync`, { method: "POST", body: "" });
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as { run: { id: string; type: string } };
    expect(run.type).toBe("app_store_connect_reviews_sync");
    const done = await waitUntilFinished(run.id, 60_000);
    expect(done.status).toBe("completed");
    // The demo app's 312 reviews, and any another browser test added meanwhile.
    expect((done.result as { reviews_seen: number }).reviews_seen).toBeGreaterThanOrEqual(312);
    expect(done.result).toMatchObject({ apps: [{ app: "Demo App for iOS", app_store_id: "1500000001" }] });
    expect(typeof (done.result as { pending_responses_checked: unknown }).pending_responses_checked).toBe("number");
  });

  it("keeps the API's rules: a body it does not know is a 400, a read-only key a 403, another team's project a 404", async () => {
    const bad = await api(`/projects/${demo.project.slug}/ratings/sync`, { method: "POST", body: JSON.stringify({ type: "db_pruning" }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request" } });
    const readOnly = await api(`/projects/${demo.project.slug}/integrations/app-store-connect/sync`, { method: "POST", key: readOnlyKey });
    expect(readOnly.status).toBe(403);
    const other = await createTeamWithProject("store-other");
    const hidden = await api(`/projects/${other.project.slug}/ratings/sync`, { method: "POST" });
    expect(hidden.status).toBe(404);
    expect(await prisma.jobRun.count({ where: { projectId: other.project.id } })).toBe(0);
  });
});

describe("app_version_sync is cron-only", () => {
  it("is refused by the API, the CLI and the admin CLI with the same message, writing nothing", async () => {
    const before = await prisma.jobRun.count({ where: { type: "app_version_sync" } });
    const viaApi = await api(`/projects/${demo.project.slug}/jobs`, { method: "POST", body: JSON.stringify({ type: "app_version_sync" }) });
    expect(viaApi.status).toBe(400);
    expect(((await viaApi.json()) as { error: { message: string } }).error.message).toBe(refusal);

    const viaCli = await taskdeck(["jobs", "trigger", "app_version_sync", "--project", demo.project.slug]);
    expect(viaCli.code).toBe(exitCodes.badInput);
    expect(viaCli.stderr).toContain(refusal);

    const viaAdmin = await taskdeck(["admin", "system-jobs", "trigger", "app_version_sync"]);
    expect(viaAdmin.code).toBe(exitCodes.badInput);
    expect(viaAdmin.stderr).toContain(refusal);
    expect(await prisma.jobRun.count({ where: { type: "app_version_sync" } })).toBe(before);
  });
});

describe("the seed commands", () => {
  it("taskdeck ratings sync --wait --json prints the completed run and exits 0", async () => {
    const result = await taskdeck(["ratings", "sync", "--project", demo.project.slug, "--wait", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const { run } = JSON.parse(result.stdout) as { run: { type: string; status: string; result: { storefronts: number } } };
    expect(run).toMatchObject({ type: "app_store_ratings_sync", status: "completed", result: { storefronts: marketedStorefronts.length } });
  });

  it("taskdeck integrations sync app-store-connect --wait follows the run to its end", async () => {
    const result = await taskdeck(["integrations", "sync", "app-store-connect", "--project", demo.project.slug, "--wait"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Triggered run [0-9a-f-]{36} \(app_store_connect_reviews_sync\); waiting for it to end…$/m);
    expect(result.stdout).toMatch(/completed/i);
  });
});

describe("the Tasks page", () => {
  it("runs App Store Ratings Sync for the project, its bar going storefront by storefront", async () => {
    await signIn(page);
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    const card = page.getByRole("article", { name: "App Store Ratings Sync" });
    await card.getByRole("button", { name: "Run App Store Ratings Sync now" }).click();
    const triggered = page.waitForResponse((response) => response.url().endsWith("/jobs") && response.request().method() === "POST");
    await page.getByRole("dialog", { name: "Run App Store Ratings Sync" }).getByRole("button", { name: "Start run" }).click();
    const { run } = (await (await triggered).json()) as { run: { id: string } };

    const row = page.locator(`[data-run-id="${run.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    const bar = row.getByRole("progressbar", { name: "App Store Ratings Sync progress" });
    const messages = new Set<string>();
    const values = new Set<number>();
    const deadline = Date.now() + 90_000;
    while ((await row.getAttribute("data-run-status")) !== "completed") {
      if (Date.now() > deadline) throw new Error("the ratings sync did not complete within 90 s");
      const value = await bar.getAttribute("aria-valuenow", { timeout: 1000 }).catch(() => null);
      if (value !== null) values.add(Number(value));
      const message = await row.getByText(/^Storefront [A-Z]{2} \(\d+ of \d+\)$/).textContent({ timeout: 1000 }).catch(() => null);
      if (message) messages.add(message);
      await page.waitForTimeout(100);
    }
    expect([...values].filter((value) => value > 0 && value < 100).length, `progress values seen: ${[...values].join(", ")}`).toBeGreaterThanOrEqual(2);
    expect([...messages].some((message) => message.endsWith(`of ${marketedStorefronts.length})`)), [...messages].join(" | ")).toBe(true);
    await row.getByText("Completed", { exact: true }).waitFor();
  });
});
