// revenuecat_user_backfill against real PostgreSQL, real pg-boss and the RevenueCat sandbox over
// HTTP: users exactly as RevenueCat has them (revenue with one-time purchases, attribution,
// anonymous ids skipped), idempotent; retryable errors survived; a cancelled run and a worker
// SIGKILLed mid-run continued from the last committed page, repeating none of the calls before it;
// the client paced to a budget the test sets; next_page under a base URL with a path prefix.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { recoverStaleRuns } from "@/lib/jobs/lifecycle";
import { backfillRevenueCatUsers } from "@/lib/revenuecat/backfill";
import { resolveNextPage, RevenueCatClient } from "@/lib/revenuecat/client";
import { activeEntitlementsOf, generateCustomers, type SandboxCustomer } from "@/sandbox/revenuecat/data";
import { keyFingerprint, startRevenueCatSandbox, type RevenueCatSandbox, type SandboxProject, type SandboxRequest } from "@/sandbox/revenuecat/server";
import { RESTART_MESSAGE, type RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { testCatalog, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const main: SandboxProject = { projectId: "proj_bf_main", apiKey: "sk_bf_main", customerCount: 150, seed: 21 };
const faulty: SandboxProject = { projectId: "proj_bf_faulty", apiKey: "sk_bf_faulty", customerCount: 60, seed: 23 };
const stopped: SandboxProject = { projectId: "proj_bf_stopped", apiKey: "sk_bf_stopped", customerCount: 400, seed: 25 };
// The same customers under two keys: one backfill is killed and resumed, the other runs clean.
const clean: SandboxProject = { projectId: "proj_bf_clean", apiKey: "sk_bf_clean", customerCount: 300, seed: 5 };
const killed: SandboxProject = { ...clean, projectId: "proj_bf_killed", apiKey: "sk_bf_killed" };

let sandbox: RevenueCatSandbox;
let worker: RunningWorker;
let adminId: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // A budget no run here reaches (pacing has its own sandbox); nested envelopes of two items, so
  // attributes page; a few ms per answer, so a run lasts long enough to cancel or kill.
  sandbox = await startRevenueCatSandbox({ projects: [main, faulty, stopped, clean, killed], budgetPerMinute: 100_000, nestedPageSize: 2, delayMs: 3 });
  process.env.REVENUECAT_API_URL = sandbox.url;
  worker = await startTestWorker();
  const { team } = await createProject();
  adminId = (await createUser("admin", team.id)).id;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await releaseAll(worker, sandbox);
});

const finished = (run: { status: string } | null) => run !== null && !["pending", "running"].includes(run.status);
const read = (runId: string) => prisma.jobRun.findUniqueOrThrow({ where: { id: runId } });
const pointOf = (projectId: string) => prisma.revenueCatBackfillState.findUnique({ where: { projectId } });
const trigger = (projectId: string, params: Record<string, unknown> = {}) =>
  triggerJob({ type: "revenuecat_user_backfill", projectId, params, source: { kind: "user", userId: adminId } });
async function runBackfill(projectId: string, params: Record<string, unknown> = {}) {
  const run = await trigger(projectId, params);
  return waitFor(() => read(run.id), finished, 60_000);
}

const isAnonymous = (id: string) => id.startsWith("$RCAnonymousID:");
const requestsOf = (account: SandboxProject, log: SandboxRequest[] = sandbox.log) => log.filter((request) => request.key === keyFingerprint(account.apiKey));
const customerIdOf = (path: string) => {
  const match = path.match(/\/customers\/([^/?]+)/);
  return match ? decodeURIComponent(match[1]!) : null;
};
const isCustomerPage = (path: string) => /\/customers\?/.test(path);
const startingAfterOf = (path: string) => new URL(path, "http://x").searchParams.get("starting_after");

// What each identified customer should become, read straight from the sandbox's data.
function expectedUsers(account: SandboxProject) {
  const attribute = (entry: SandboxCustomer, name: string) => entry.attributes.find((candidate) => candidate.name === name)?.value ?? null;
  return generateCustomers(account.projectId, account.customerCount, account.seed)
    .filter((entry) => !isAnonymous(entry.customer.id))
    .map((entry) => {
      const cents =
        entry.subscriptions.reduce((sum, subscription) => sum + Math.round(subscription.total_revenue_in_usd.gross * 100), 0) +
        entry.purchases.filter((purchase) => purchase.status === "owned").reduce((sum, purchase) => sum + Math.round(purchase.revenue_in_usd.gross * 100), 0);
      const active = activeEntitlementsOf(entry);
      return {
        appUserId: entry.customer.id,
        hasAccess: active.length > 0,
        entitlements: [...new Set(active.map((entitlement) => entitlement.entitlement_id.replace(/^entl_/, "")))].sort(),
        lifetimeRevenueUsd: (cents / 100).toFixed(2),
        mediaSource: attribute(entry, "$mediaSource"),
        campaign: attribute(entry, "$campaign"),
        adGroup: attribute(entry, "$adGroup"),
        keyword: attribute(entry, "$keyword"),
        creative: attribute(entry, "$creative"),
        firstSeenAt: new Date(entry.customer.first_seen_at),
        lastSeenAt: entry.customer.last_seen_at === null ? null : new Date(entry.customer.last_seen_at),
        ...(entry.subscriptions.length === 0 ? { subscriptionStatus: "none", productId: null, expiresAt: null } : {}),
      };
    });
}

// A project's users without what differs between two runs or two projects.
async function storedUsers(projectId: string) {
  const users = await prisma.appUser.findMany({ where: { projectId }, orderBy: { appUserId: "asc" } });
  return users.map(({ id: _id, projectId: _project, syncedAt: _synced, backfilledAt: _backfilled, createdAt: _created, lifetimeRevenueUsd, ...user }) => ({
    ...user,
    lifetimeRevenueUsd: lifetimeRevenueUsd.toFixed(2),
  }));
}

describe("revenuecat_user_backfill", () => {
  it("writes every identified customer as RevenueCat has them (revenue with purchases, attribution), skips anonymous ids, and changes nothing but timestamps the second time", async () => {
    const { project } = await createProject({ revenuecat: main });
    const all = generateCustomers(main.projectId, main.customerCount, main.seed);
    const anonymous = all.filter((entry) => isAnonymous(entry.customer.id));
    const expected = expectedUsers(main);
    // The data has what the test is about: one-time purchases (some refunded), lifetime access
    // without a subscription, Apple Search Ads ids and a keyword that is null.
    expect(anonymous.length).toBeGreaterThan(0);
    expect(all.some((entry) => entry.purchases.some((purchase) => purchase.status === "refunded"))).toBe(true);
    expect(all.some((entry) => !entry.subscriptions.some((s) => s.gives_access) && activeEntitlementsOf(entry).length > 0)).toBe(true);
    expect(expected.some((user) => user.mediaSource === "Apple Search Ads" && /^\d+$/.test(user.campaign ?? "") && user.keyword === null)).toBe(true);

    const done = await runBackfill(project.id, { pageSize: 25 });
    expect(done.status).toBe("completed");
    expect(done.params).toEqual({ pageSize: 25 });
    expect(done.result).toMatchObject({ completed: true, backfilled: expected.length, skipped: anonymous.length, resumedAfter: 0 });
    expect([done.progressProcessed, done.progressTotal]).toEqual([all.length, all.length]);
    expect(done.progressMessage).toMatch(new RegExp(`^Backfilled ${expected.length} users, ${anonymous.length} anonymous skipped in `));
    expect(await storedUsers(project.id)).toMatchObject(expected);
    const purchaser = all.find((entry) => entry.subscriptions.length > 0 && entry.purchases.some((purchase) => purchase.status === "owned"))!;
    const withoutPurchases = purchaser.subscriptions.reduce((sum, subscription) => sum + subscription.total_revenue_in_usd.gross, 0);
    const stored = await prisma.appUser.findUniqueOrThrow({ where: { projectId_appUserId: { projectId: project.id, appUserId: purchaser.customer.id } } });
    expect(stored.lifetimeRevenueUsd.toNumber()).toBeGreaterThan(withoutPurchases);

    // Not one call about an anonymous id; three for each identified customer, and attribute pages.
    const calls = requestsOf(main);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    expect(calls.filter((call) => isAnonymous(customerIdOf(call.path) ?? ""))).toEqual([]);
    const kinds = new Map<string, string[]>();
    for (const call of calls) {
      const id = customerIdOf(call.path);
      if (id && !/\/(attributes|active_entitlements)\?/.test(call.path)) kinds.set(id, [...(kinds.get(id) ?? []), call.path.includes("?expand=attributes") ? "customer" : call.path.split("/").at(-1)!.split("?")[0]!]);
    }
    expect([...kinds.keys()].sort()).toEqual(expected.map((user) => user.appUserId));
    expect([...kinds.values()].every((list) => list.sort().join() === "customer,purchases,subscriptions")).toBe(true);
    expect(calls.some((call) => call.path.includes("/attributes?starting_after="))).toBe(true);
    expect(await pointOf(project.id)).toBeNull();

    // A name apple_ads_sync resolved stays while the campaign id is the same.
    const searchAdsUser = expected.find((user) => user.mediaSource === "Apple Search Ads")!;
    await prisma.appUser.update({ where: { projectId_appUserId: { projectId: project.id, appUserId: searchAdsUser.appUserId } }, data: { campaignName: "Brand US" } });
    const before = await prisma.appUser.findMany({ where: { projectId: project.id }, orderBy: { appUserId: "asc" } });
    const again = await runBackfill(project.id);
    expect(again.status).toBe("completed");
    const after = await prisma.appUser.findMany({ where: { projectId: project.id }, orderBy: { appUserId: "asc" } });
    const timeless = (users: typeof before) => users.map(({ syncedAt: _synced, backfilledAt: _backfilled, ...user }) => user);
    expect(timeless(after)).toEqual(timeless(before));
    expect(after.every((user, index) => user.backfilledAt!.getTime() > before[index]!.backfilledAt!.getTime())).toBe(true);
    expect(after.find((user) => user.appUserId === searchAdsUser.appUserId)?.campaignName).toBe("Brand US");
  });

  it("survives RevenueCat's retryable errors (423, 500, 503), trying each again after its backoff_ms, with the data exact", async () => {
    const { project } = await createProject({ revenuecat: faulty });
    sandbox.failNext(1, 423, { backoffMs: 300, pathIncludes: "/subscriptions" });
    sandbox.failNext(1, 500, { backoffMs: 300, pathIncludes: "/purchases" });
    sandbox.failNext(1, 503, { backoffMs: 300, pathIncludes: "?expand=attributes" });
    sandbox.failNext(1, 503, { backoffMs: 300, pathIncludes: "/customers?limit=10&" });

    const done = await runBackfill(project.id, { pageSize: 10 });
    expect(done.status).toBe("completed");
    const calls = requestsOf(faulty);
    const failures = calls.filter((call) => call.status !== 200);
    expect(failures.map((call) => call.status).sort()).toEqual([423, 500, 503, 503]);
    for (const failure of failures) {
      const retried = calls.find((call) => call.path === failure.path && call.status === 200 && call.at >= failure.at);
      expect(retried, failure.path).toBeDefined();
      expect(retried!.at - failure.at).toBeGreaterThanOrEqual(300);
    }
    expect(await storedUsers(project.id)).toMatchObject(expectedUsers(faulty));
  });

  it("stops between customers when cancelled, with what it did written up to the saved point, and its retry finishes from there", async () => {
    const { project } = await createProject({ revenuecat: stopped });
    const expected = expectedUsers(stopped);
    const run = await trigger(project.id, { pageSize: 10 });
    await waitFor(() => pointOf(project.id), (point) => (point?.customersDone ?? 0) >= 80);
    await testJobs.cancel(run.id);
    const cancelled = await waitFor(() => read(run.id), finished);
    expect(cancelled.status).toBe("cancelled");

    const point = (await pointOf(project.id))!;
    expect(point.runId).toBe(run.id);
    expect(point.customersDone).toBeLessThan(stopped.customerCount);
    // Exactly the customers up to the point are written: the point and the users commit together.
    expect((await storedUsers(project.id)).map((user) => user.appUserId)).toEqual(expected.map((user) => user.appUserId).filter((id) => id <= point.startingAfter!));

    const retry = await testJobs.retry(run.id, { userId: adminId, apiKeyId: null });
    const done = await waitFor(() => read(retry.id), finished, 60_000);
    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ completed: true, resumedAfter: point.customersDone });
    expect(done.progressTotal).toBe(stopped.customerCount - point.customersDone);
    expect(done.progressMessage).toContain(`resumed after ${point.customersDone} customers`);
    expect(await storedUsers(project.id)).toMatchObject(expected);
    expect(await pointOf(project.id)).toBeNull();
  }, 120_000);

  it("resumes a backfill whose worker was SIGKILLed mid-run from its last committed page, repeating no call before it, ending as a clean run does", async () => {
    const { project: victim } = await createProject({ revenuecat: killed });
    const anonymous = generateCustomers(killed.projectId, killed.customerCount, killed.seed).filter((entry) => isAnonymous(entry.customer.id)).length;
    // The run must happen in the child: this process's worker steps aside until the child is dead.
    await worker.stop();
    const child = await startWorkerProcess();
    const run = await trigger(victim.id, { pageSize: 10 });
    // Anonymous ids sort first; past them, some identified customers' pages are committed.
    await waitFor(() => pointOf(victim.id), (point) => (point?.customersDone ?? 0) >= anonymous + 30);
    child.kill("SIGKILL");
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));

    const point = (await pointOf(victim.id))!;
    expect(point.customersDone).toBeLessThan(killed.customerCount);
    expect((await read(run.id)).status).toBe("running");
    // What a live worker's sweep does once the dead one's heartbeat is stale, without the wait.
    expect(await recoverStaleRuns(0, RESTART_MESSAGE, testCatalog.label)).toEqual([run.id]);
    worker = await startTestWorker();

    const boundary = sandbox.log.length;
    const retry = await testJobs.retry(run.id, { userId: adminId, apiKeyId: null });
    const done = await waitFor(() => read(retry.id), finished, 60_000);
    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ completed: true, resumedAfter: point.customersDone });

    const saved = point.startingAfter!;
    const beforeKill = requestsOf(killed, sandbox.log.slice(0, boundary));
    const afterRetry = requestsOf(killed, sandbox.log.slice(boundary));
    // The killed run did read customers before the point…
    expect(beforeKill.filter((call) => (customerIdOf(call.path) ?? "\uffff") <= saved).length).toBeGreaterThan(0);
    // …and the retry asked for none of them again, nor for any customer page before the point.
    expect(afterRetry.filter((call) => (customerIdOf(call.path) ?? "\uffff") <= saved)).toEqual([]);
    const pages = afterRetry.filter((call) => isCustomerPage(call.path));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((call) => (startingAfterOf(call.path) ?? "") >= saved)).toBe(true);
    expect(pages.filter((call) => startingAfterOf(call.path) === saved).length).toBe(2); // the count, then the first page
    expect(await pointOf(victim.id)).toBeNull();

    const { project: control } = await createProject({ revenuecat: clean });
    expect((await runBackfill(control.id, { pageSize: 10 })).status).toBe("completed");
    const resumed = await storedUsers(victim.id);
    expect(resumed).toHaveLength(killed.customerCount - anonymous);
    expect(resumed).toEqual(await storedUsers(control.id));
  }, 120_000);
});

describe("the RevenueCat client", () => {
  it("paces itself to the budget RevenueCat states: no 429 over several windows, and at least 90 % of the budget used", async () => {
    const budget = 120;
    const windowMs = 3000;
    const paced: SandboxProject = { projectId: "proj_bf_paced", apiKey: "sk_bf_paced", customerCount: 220, seed: 31 };
    const limited = await startRevenueCatSandbox({ projects: [paced], budgetPerMinute: budget, windowMs });
    try {
      const { project } = await createProject({ revenuecat: paced });
      // RevenueCat's headers state the budget, not the window: the client is told the sandbox's.
      const client = new RevenueCatClient({ baseUrl: limited.url, apiKey: paced.apiKey, projectId: paced.projectId, rateWindowMs: windowMs });
      const messages: string[] = [];
      const context = { runId: randomUUID(), progress: (update: { message?: string | null }) => void (update.message && messages.push(update.message)), isCancelled: () => false, log: () => undefined };
      const result = await backfillRevenueCatUsers(project.id, client, context, { pageSize: 20 });
      expect(result.completed).toBe(true);

      expect(limited.log.filter((call) => call.status === 429)).toEqual([]);
      expect(limited.log.every((call) => call.status === 200)).toBe(true);
      const times = limited.log.map((call) => call.at);
      const windows = Math.floor((times.at(-1)! - times[0]!) / windowMs);
      expect(windows).toBeGreaterThanOrEqual(4);
      const inFullWindows = times.filter((at) => at < times[0]! + windows * windowMs).length;
      expect(inFullWindows / (windows * budget)).toBeGreaterThanOrEqual(0.9);
      // The time left comes from the calls a customer costs and the budget.
      expect(messages.some((message) => /~\d\.\d RC API calls per customer at 120 req per 3\.0 s · about \d+ s left/.test(message))).toBe(true);
    } finally {
      await limited.close();
    }
  }, 90_000);

  it("follows next_page, top-level and nested, under a base URL with a path prefix", async () => {
    const small: SandboxProject = { projectId: "proj_bf_prefix", apiKey: "sk_bf_prefix", customerCount: 25, seed: 7 };
    const proxied = await startRevenueCatSandbox({ projects: [small], pathPrefix: "/rc", nestedPageSize: 1 });
    try {
      expect(new URL(proxied.url).pathname).toBe("/rc/v2");
      const client = new RevenueCatClient({ baseUrl: proxied.url, apiKey: small.apiKey, projectId: small.projectId, listPageSize: 1 });
      const expected = generateCustomers(small.projectId, small.customerCount, small.seed);
      const ids: string[] = [];
      for await (const page of client.customerPages(10)) ids.push(...page.map((customer) => customer.id));
      expect(ids).toEqual(expected.map((entry) => entry.customer.id));

      const entry = expected.find((candidate) => candidate.subscriptions.length > 1 && candidate.attributes.length > 1 && candidate.aliases.length > 1)!;
      expect((await client.subscriptions(entry.customer.id)).map((subscription) => subscription.id)).toEqual(entry.subscriptions.map((subscription) => subscription.id));
      expect((await client.customer(entry.customer.id)).attributes).toEqual(entry.attributes);
      expect(await client.aliases(entry.customer.id)).toEqual(entry.aliases);
      expect(proxied.log.every((call) => call.path.startsWith("/rc/v2/") && call.status === 200)).toBe(true);
      // Two more customer pages, one per further subscription and alias, the rest of the attributes.
      expect(proxied.log.filter((call) => call.path.includes("starting_after=")).length).toBeGreaterThanOrEqual(2 + (entry.subscriptions.length - 1) + (entry.aliases.length - 1) + 1);
    } finally {
      await proxied.close();
    }
    expect(resolveNextPage(new URL("http://proxy/rc/v2/"), "/v2/projects/p/customers?starting_after=u1").href).toBe("http://proxy/rc/v2/projects/p/customers?starting_after=u1");
    expect(resolveNextPage(new URL("https://api.revenuecat.com/v2/"), "/v2/projects/p/customers").href).toBe("https://api.revenuecat.com/v2/projects/p/customers");
    // Never our key to another host.
    expect(() => resolveNextPage(new URL("http://proxy/rc/v2/"), "https://elsewhere.example/v2/projects/p/customers")).toThrow(/outside its API/);
  });
});

/** `worker/index.ts` as a process of its own, resolved once it is taking work. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: { ...process.env, REVENUECAT_API_URL: sandbox.url, WORKER_CONCURRENCY: "1", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line.includes("worker ready") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  return child;
}
