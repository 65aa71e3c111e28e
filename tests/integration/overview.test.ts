// A project's overview (issue 19, item 2): runs per hour by outcome over 24 hours and 7 days,
// p50/p95 duration per type, what is running and queued, the lane, and live workers, all read from
// job_runs within the window. Runs are written with chosen times, so every figure is known.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { DURATIONS_SQL, HOURS_SQL, projectOverview } from "@/lib/jobs/overview";
import { createProject } from "../helpers/fixtures";
import { onRelation, plan, rowsRead } from "../helpers/plans";
import { releaseAll } from "../helpers/teardown";

const HOUR = 3_600_000;
// Half past an hour, so "the current hour" is unambiguous.
const now = new Date("2026-11-20T12:30:00Z");
let projectId: string;

async function insertRun(fields: { project?: string; type?: string; status: string; hoursAgo: number; durationMs?: number }) {
  const created = new Date(now.getTime() - fields.hoursAgo * HOUR);
  const ended = fields.status !== "pending" && fields.status !== "running";
  await getPool().query(
    `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, started_at, finished_at)
     VALUES ($1, $2, $3, $4::"RunStatus", 'user', $5, $6, $7)`,
    [
      randomUUID(),
      fields.type ?? "revenuecat_sync",
      fields.project ?? projectId,
      fields.status,
      created,
      fields.status === "pending" || (fields.status === "cancelled" && !fields.durationMs) ? null : created,
      ended && fields.durationMs !== undefined ? new Date(created.getTime() + fields.durationMs) : ended ? created : null,
    ],
  );
}

beforeAll(async () => {
  projectId = (await createProject()).project.id;
  const otherProjectId = (await createProject()).project.id;
  // revenuecat_sync: 20 completed runs, 100 ms … 2000 ms, in the current hour and 3 hours ago.
  for (let index = 1; index <= 20; index += 1) await insertRun({ status: "completed", hoursAgo: index <= 10 ? 0.1 : 3, durationMs: index * 100 });
  // pull_changes: two failures 5 hours ago, one of 1 s and one of 3 s.
  await insertRun({ type: "pull_changes", status: "failed", hoursAgo: 5, durationMs: 1000 });
  await insertRun({ type: "pull_changes", status: "failed", hoursAgo: 5, durationMs: 3000 });
  await insertRun({ type: "pull_all", status: "cancelled", hoursAgo: 5 });
  // Two days ago: in the 7-day window only. Eight days ago: in neither.
  await insertRun({ type: "pull_all", status: "completed", hoursAgo: 48, durationMs: 60_000 });
  await insertRun({ type: "pull_all", status: "completed", hoursAgo: 8 * 24, durationMs: 60_000 });
  // Active now: one running, two queued (the oldest 2 hours ago).
  await insertRun({ type: "app_store_ratings_sync", status: "running", hoursAgo: 0.2 });
  await insertRun({ type: "predict_analytics", status: "pending", hoursAgo: 2 });
  await insertRun({ type: "pull_analytics", status: "pending", hoursAgo: 0.05 });
  // Another project's runs count for nothing here.
  await insertRun({ project: otherProjectId, status: "failed", hoursAgo: 1, durationMs: 10 });
  // One live worker, one whose beats stopped a minute ago (gone after 3 beats of 10 s), one stopped.
  await getPool().query(
    `INSERT INTO workers (id, hostname, pid, version, queues, concurrency, heartbeat_seconds, heartbeat_at, stopped_at) VALUES
       (gen_random_uuid(), 'a', 1, 'test', '{}', 1, 10, now(), NULL),
       (gen_random_uuid(), 'b', 2, 'test', '{}', 1, 10, now() - interval '1 minute', NULL),
       (gen_random_uuid(), 'c', 3, 'test', '{}', 1, 10, now(), now())`,
  );
});
afterAll(() => releaseAll());

describe("a project's overview", () => {
  it("counts the last 24 hours by hour and outcome, the current hour last", async () => {
    const overview = await projectOverview(projectId, "24h", now);
    expect(overview.hours).toHaveLength(24);
    expect(overview.hours.at(-1)!.at).toBe("2026-11-20T12:00:00.000Z");
    expect(overview.hours[0]!.at).toBe("2026-11-19T13:00:00.000Z");
    const hour = (hoursAgo: number) => overview.hours[23 - hoursAgo]!;
    expect(hour(0)).toMatchObject({ completed: 10, failed: 0, active: 2 });
    expect(hour(3)).toMatchObject({ completed: 10 });
    // 2 hours ago is 10:30: the queued run.
    expect(hour(2)).toMatchObject({ active: 1 });
    expect(hour(5)).toMatchObject({ failed: 2, cancelled: 1 });
    expect(overview.totals).toEqual({ completed: 20, failed: 2, cancelled: 1, active: 3 });
    expect(overview.hours.reduce((sum, bar) => sum + bar.completed + bar.failed + bar.cancelled + bar.active, 0)).toBe(26);
  });

  it("gives p50 and p95 per type of the runs that ended in the window", async () => {
    const overview = await projectOverview(projectId, "24h", now);
    expect(overview.durations.map(({ type, ended, failed, p50Ms, p95Ms }) => ({ type, ended, failed, p50Ms, p95Ms }))).toEqual([
      { type: "pull_changes", ended: 2, failed: 2, p50Ms: 2000, p95Ms: 2900 },
      // 100 … 2000 ms: the median 1050, the 95th percentile 1905 (interpolated).
      { type: "revenuecat_sync", ended: 20, failed: 0, p50Ms: 1050, p95Ms: 1905 },
    ]);
  });

  it("widens to 7 days, one bar per hour, without the runs older than that", async () => {
    const overview = await projectOverview(projectId, "7d", now);
    expect(overview.hours).toHaveLength(168);
    expect(overview.totals).toEqual({ completed: 21, failed: 2, cancelled: 1, active: 3 });
    expect(overview.durations.find((row) => row.type === "pull_all")).toMatchObject({ ended: 1, p50Ms: 60_000, p95Ms: 60_000 });
  });

  it("says what is running and queued now, since when, and how many workers are live", async () => {
    const overview = await projectOverview(projectId, "24h", now);
    expect(overview).toMatchObject({ running: 1, queued: 2, liveWorkers: 1 });
    expect(overview.oldestQueued).toMatchObject({ type: "predict_analytics", createdAt: "2026-11-20T10:30:00.000Z" });
    expect(overview.lane).toMatchObject({ paused: false, pausedByRunId: null });
  });

  it("is empty for a project without runs", async () => {
    const empty = await projectOverview((await createProject()).project.id, "24h", now);
    expect(empty.totals).toEqual({ completed: 0, failed: 0, cancelled: 0, active: 0 });
    expect(empty.durations).toEqual([]);
    expect(empty.hours.every((bar) => bar.completed + bar.failed + bar.cancelled + bar.active === 0)).toBe(true);
    expect(empty.oldestQueued).toBeNull();
  });
});

describe("the overview at a long history", () => {
  it("reads only the window's runs, however many older ones the project has", async () => {
    const { project } = await createProject();
    // 20,000 runs from 9 to 30 days ago, and 5 in the last day.
    await getPool().query(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, started_at, finished_at)
       SELECT gen_random_uuid(), 'revenuecat_sync', $1, 'completed', 'schedule', at, at, at + interval '1 second'
         FROM (SELECT $2::timestamptz - interval '9 days' - (n * interval '1 minute') AS at FROM generate_series(1, 20000) AS n) AS old`,
      [project.id, now],
    );
    for (let index = 0; index < 5; index += 1) await insertRun({ project: project.id, status: "completed", hoursAgo: index + 0.5, durationMs: 1000 });
    await getPool().query("ANALYZE job_runs");
    const from = new Date(now.getTime() - 7 * 24 * HOUR);
    for (const sql of [HOURS_SQL, DURATIONS_SQL]) {
      const runs = onRelation(await plan(sql, [project.id, from]), "job_runs");
      expect(runs.every((node) => node["Index Name"] !== undefined)).toBe(true);
      expect(runs.map(rowsRead).reduce((sum, rows) => sum + rows, 0)).toBeLessThanOrEqual(5);
    }
    expect((await projectOverview(project.id, "7d", now)).totals.completed).toBe(5);
  });
});
