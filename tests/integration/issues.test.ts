// issue_scan and issue_notify against real PostgreSQL: error events become issues, each counted
// exactly once (two scans at once, a scan SIGKILLed mid-batch); a resolved issue recurring in
// production regresses and is announced once; development errors announce nothing; digests follow
// each project's cadence and stay silent when nothing changed. Clocks are arguments, not sleeps.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { authenticateIngestKey, createIngestKey } from "@/lib/events/ingest-keys";
import { ingestBatch } from "@/lib/events/ingest";
import { announceIssues } from "@/lib/issues/announce";
import { dueWindow, sendDigests } from "@/lib/issues/digest";
import { setIssueStatus } from "@/lib/issues/issues";
import { scanIssues, SETTLE_MS } from "@/lib/issues/scan";
import { fingerprintOf } from "@/lib/issues/fingerprint";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const HOUR = 3600_000;
// A scan "now" past the settle delay, so events ingested a moment ago count.
const scanNow = () => new Date(Date.now() + SETTLE_MS + 1000);
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  worker = await startTestWorker();
});
afterAll(() => releaseAll(worker));
// Each test starts with every earlier event counted and every announcement sent.
beforeEach(async () => {
  await scanIssues({ now: scanNow() });
  await announceIssues(null);
});

async function sender() {
  const { team, project } = await createProject();
  await createUser("admin", team.id);
  const { key } = await createIngestKey(project.id, null, { name: "app" });
  return { team, project, actor: (await authenticateIngestKey(key))! };
}

const crash = (user: number, options: { environment?: "production" | "development"; version?: string; id?: number; caller?: string } = {}) => ({
  kind: "event",
  name: "crash",
  level: "error",
  timestamp: new Date().toISOString(),
  environment: options.environment ?? "production",
  appVersion: options.version ?? "1.0.0",
  userId: `user-${user}`,
  message: `Order ${options.id ?? user * 7} failed for "user-${user}"`,
  error: { type: "CheckoutError", stack: `CheckoutError\n    at submitOrder (src/checkout.ts:${10 + user}:5)\n    at ${options.caller ?? "onPay"} (src/pay.ts:3:1)` },
});

const issuesOf = (projectId: string) => prisma.issue.findMany({ where: { projectId }, orderBy: { eventCount: "desc" } });
const notificationsOf = (teamId: string, type: string) => prisma.notification.findMany({ where: { teamId, type }, orderBy: { createdAt: "asc" } });

describe("issue_scan", () => {
  it("clusters errors by fingerprint, counting events, users, versions and first and last seen", async () => {
    const { project, actor } = await sender();
    await ingestBatch(actor, [
      ...Array.from({ length: 6 }, (_, index) => crash(index % 3, { version: index < 3 ? "1.0.0" : "1.1.0" })),
      crash(9, { caller: "onRetry" }),
      { kind: "event", name: "screen_view", timestamp: new Date().toISOString() },
    ]);
    const result = await scanIssues({ now: scanNow(), batchSize: 4 });
    expect(result).toMatchObject({ events: 7, newIssues: 2, cancelled: false });
    const [checkout, retry] = await issuesOf(project.id);
    expect(checkout).toMatchObject({ eventCount: 6, usersAffected: 3, appVersions: ["1.0.0", "1.1.0"], status: "new", inProduction: true, errorType: "CheckoutError" });
    expect(checkout!.title).toMatch(/^CheckoutError: Order \d+ failed/);
    expect(retry).toMatchObject({ eventCount: 1, usersAffected: 1 });
    // Nothing new: a second scan counts nothing.
    expect(await scanIssues({ now: scanNow() })).toMatchObject({ events: 0, batches: 0 });
  });

  it("counts each event once when two scans run at once", async () => {
    const { project, actor } = await sender();
    await ingestBatch(actor, Array.from({ length: 300 }, (_, index) => crash(index % 20)));
    const [a, b] = await Promise.all([scanIssues({ now: scanNow(), batchSize: 25 }), scanIssues({ now: scanNow(), batchSize: 25 })]);
    expect(a.events + b.events).toBe(300);
    expect((await issuesOf(project.id)).map((issue) => [issue.eventCount, issue.usersAffected])).toEqual([[300, 20]]);
  });

  it("leaves events younger than the settle delay for the next scan", async () => {
    const { project, actor } = await sender();
    await ingestBatch(actor, [crash(1)]);
    expect((await scanIssues({ now: new Date() })).events).toBe(0);
    expect(await issuesOf(project.id)).toEqual([]);
    expect((await scanIssues({ now: scanNow() })).events).toBe(1);
  });

  it("survives a scan SIGKILLed mid-batch with nothing counted twice or missed", async () => {
    const { project } = await sender();
    const fingerprint = (name: string) => fingerprintOf({ errorType: name, message: null, stack: null });
    // Received one millisecond apart from a common start, in this order, after everything counted
    // so far. received_at keeps milliseconds, so two statements' own clocks could share one and
    // interleave a Known event into the Fresh batch.
    const { rows: clock } = await getPool().query<{ start: Date }>(`SELECT clock_timestamp() AS start`);
    let received = 0;
    const insert = async (count: number, name: string) => {
      await getPool().query(
        `INSERT INTO events (id, project_id, occurred_at, received_at, name, level, error_type, fingerprint, app_user_id)
         SELECT gen_random_uuid(), $1, now(), $5::timestamptz + ($6 + n) * interval '1 millisecond', $2, 'error', $2, $3, 'user-' || (n % 5)
           FROM generate_series(1, $4) AS n`,
        [project.id, name, fingerprint(name), count, clock[0]!.start, received],
      );
      received += count;
    };
    await insert(10, "Known");
    await scanIssues({ now: scanNow() });
    const known = (await issuesOf(project.id))[0]!;
    await insert(100, "Fresh");
    await insert(150, "Known");

    // Holding the known issue's row makes the child's second batch wait inside its transaction.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/scan-process.ts", String(scanNow().getTime()), "100"], { stdio: ["ignore", "pipe", "inherit"] });
    const batches: string[] = [];
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM issues WHERE id = $1 FOR UPDATE", [known.id]);
      createInterface({ input: child.stdout! }).on("line", (line) => batches.push(line));
      // A child process starting under tsx on a loaded 2-core machine can take a while.
      await waitFor(async () => batches, (lines) => lines.length >= 1, 90_000);
      await waitFor(
        async () => (await getPool().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'issue-scan-child' AND wait_event_type = 'Lock'`)).rows[0].n,
        (waiting) => waiting === 1,
      );
    } finally {
      child.kill("SIGKILL");
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once("exit", resolve));
      await holder.query("COMMIT").catch(() => undefined);
      await holder.end();
    }

    expect(batches).toEqual(["batch 100"]);
    const rest = await scanIssues({ now: scanNow() });
    expect(rest.events).toBe(150);
    const counts = Object.fromEntries((await issuesOf(project.id)).map((issue) => [issue.title, issue.eventCount]));
    expect(counts).toEqual({ Known: 160, Fresh: 100 });
  }, 150_000);
});

describe("announcements", () => {
  it("tell each team once about new production issues, and nothing about development-only ones", async () => {
    const { team, actor } = await sender();
    await ingestBatch(actor, [crash(1), crash(2, { caller: "devOnly", environment: "development" })]);
    await scanIssues({ now: scanNow() });
    expect(await announceIssues(null)).toMatchObject({ notifications: 1, issues: 1 });
    expect(await announceIssues(null)).toMatchObject({ notifications: 0 });
    const [notification] = await notificationsOf(team.id, "issue.new");
    expect(notification!.data).toMatchObject({ newCount: 1, regressedCount: 0, issues: [{ title: expect.stringMatching(/^CheckoutError/), status: "new" }] });
  });

  it("report a resolved issue that recurs in production as regressed, once; in development it stays resolved", async () => {
    const { team, project, actor } = await sender();
    await ingestBatch(actor, [crash(1)]);
    await scanIssues({ now: scanNow() });
    await announceIssues(null);
    const [issue] = await issuesOf(project.id);
    await setIssueStatus(project.id, issue!.id, "resolved");

    await ingestBatch(actor, [crash(2, { environment: "development" })]);
    await scanIssues({ now: scanNow() });
    expect((await prisma.issue.findUniqueOrThrow({ where: { id: issue!.id } })).status).toBe("resolved");
    expect(await announceIssues(null)).toMatchObject({ notifications: 0 });

    await ingestBatch(actor, [crash(3, { version: "1.2.0" }), crash(4, { version: "1.2.0" })]);
    const scan = await scanIssues({ now: scanNow() });
    expect(scan.regressedIssues).toBe(1);
    expect(await prisma.issue.findUniqueOrThrow({ where: { id: issue!.id } })).toMatchObject({ status: "regressed", eventCount: 4, resolvedAt: null });
    expect(await announceIssues(null)).toMatchObject({ notifications: 1, issues: 1 });
    await ingestBatch(actor, [crash(5)]);
    await scanIssues({ now: scanNow() });
    expect(await announceIssues(null)).toMatchObject({ notifications: 0 });
    const regressions = (await notificationsOf(team.id, "issue.new")).filter((notification) => (notification.data as { regressedCount: number }).regressedCount > 0);
    expect(regressions).toHaveLength(1);
  });

  it("come from the system job, with its run's result", async () => {
    const { team, actor } = await sender();
    await ingestBatch(actor, [crash(1, { caller: "fromJob" })]);
    // The job scans with the real clock, so the event must be older than the settle delay: it is
    // moved back two minutes, and the watermark to just before it (nothing else was received then).
    // Earlier tests' events, all counted, are moved a day back first, so that however long they
    // took the job's window holds this event alone.
    await getPool().query(`UPDATE events SET received_at = received_at - interval '1 day' WHERE project_id <> $1`, [actor.projectId]);
    const { rows } = await getPool().query<{ received_at: Date }>(`UPDATE events SET received_at = received_at - interval '2 minutes' WHERE project_id = $1 RETURNING received_at`, [actor.projectId]);
    await getPool().query(`UPDATE issue_scan_state SET received_at = $1::timestamptz - interval '1 millisecond'`, [rows[0]!.received_at]);
    const run = await triggerJob({ type: "issue_scan", projectId: null, source: { kind: "admin_cli" } });
    const done = await waitFor(
      () => prisma.jobRun.findUnique({ where: { id: run.id } }),
      (current) => current?.status === "completed" || current?.status === "failed",
    );
    expect(done).toMatchObject({ status: "completed" });
    expect(done!.result).toMatchObject({ newIssues: 1, notifications: 1 });
    expect(done!.progressMessage).toMatch(/^Scanned 1 error event: 1 new issue,/);
    expect((await notificationsOf(team.id, "issue.new"))[0]!.runId).toBe(run.id);
  });
});

describe("issue_notify", () => {
  it("works out each cadence's window, ending on the hour", () => {
    const now = new Date(Date.UTC(2026, 11, 1, 10, 5));
    expect(dueWindow("off", null, now)).toBeNull();
    expect(dueWindow("hourly", new Date(Date.UTC(2026, 11, 1, 9)), now)).toEqual({ from: new Date(Date.UTC(2026, 11, 1, 9)), to: new Date(Date.UTC(2026, 11, 1, 10)) });
    expect(dueWindow("hourly", new Date(Date.UTC(2026, 11, 1, 10)), now)).toBeNull();
    expect(dueWindow("daily", new Date(Date.UTC(2026, 10, 30, 11)), now)).toBeNull();
    expect(dueWindow("daily", new Date(Date.UTC(2026, 10, 30, 10)), now)).toMatchObject({ to: new Date(Date.UTC(2026, 11, 1, 10)) });
    expect(dueWindow("weekly", null, now)).toMatchObject({ from: new Date(Date.UTC(2026, 10, 24, 10)) });
  });

  it("sends a project's digest at its cadence, once per window, and stays silent when nothing changed", async () => {
    const { team, project, actor } = await sender();
    // Every other project is quiet for this test.
    await prisma.project.updateMany({ where: { id: { not: project.id } }, data: { digestCadence: "off" } });
    await prisma.project.update({ where: { id: project.id }, data: { digestCadence: "hourly", lastDigestAt: new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR) } });
    await ingestBatch(actor, [crash(1), crash(2, { caller: "second" })]);
    await scanIssues({ now: scanNow() });
    // The issues changed in the window that ends on the next hour.
    const nextHour = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR + 5 * 60_000);
    const first = await sendDigests({ now: nextHour });
    expect(first).toMatchObject({ projectsDue: 1, sent: 1, silent: 0 });
    expect(await sendDigests({ now: nextHour })).toMatchObject({ projectsDue: 0, sent: 0 });
    const [digest] = await notificationsOf(team.id, "issue.digest");
    expect(digest!.data).toMatchObject({ newCount: 2, project: { id: project.id } });

    const hourAfter = new Date(nextHour.getTime() + HOUR);
    expect(await sendDigests({ now: hourAfter })).toMatchObject({ projectsDue: 1, sent: 0, silent: 1 });
    expect(await notificationsOf(team.id, "issue.digest")).toHaveLength(1);
    // Two runs at once for the same window: one digest.
    await ingestBatch(actor, [crash(3, { caller: "third" })]);
    await scanIssues({ now: scanNow() });
    await prisma.project.update({ where: { id: project.id }, data: { lastDigestAt: new Date(Math.floor(Date.now() / HOUR) * HOUR) } });
    const raced = await Promise.all([sendDigests({ now: nextHour }), sendDigests({ now: nextHour })]);
    expect(raced.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    expect(await notificationsOf(team.id, "issue.digest")).toHaveLength(2);
  });
});
