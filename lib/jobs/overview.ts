import "server-only";
// A project's overview (issue 19 "Health", the first tab for admins): runs per hour by outcome over
// 24 hours or 7 days, p50/p95 duration per job type, the lane's state, what is running and queued,
// and whether any worker is alive to run it. Every figure is read from job_runs within the window,
// through the (project_id, created_at) index, so a project's older history costs nothing.
import { getPool } from "@/lib/db/pool";
import { getLane, type LaneState } from "@/lib/jobs/lanes";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { liveWorkerCount } from "@/lib/jobs/workers";

import { overviewWindows, type OverviewWindow } from "./overview-windows";

export { overviewWindows, type OverviewWindow };

/** One hour of the chart: runs created in it, by how they ended (active: not ended yet). */
export interface OverviewHour {
  /** The hour's start, UTC. */
  at: string;
  completed: number;
  failed: number;
  cancelled: number;
  active: number;
}

export interface TypeDurations {
  type: string;
  label: string;
  /** Runs that ended (completed or failed) in the window. */
  ended: number;
  failed: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface ProjectOverview {
  window: OverviewWindow;
  generatedAt: string;
  hours: OverviewHour[];
  totals: { completed: number; failed: number; cancelled: number; active: number };
  running: number;
  queued: number;
  /** The pending run that has waited longest, and since when. */
  oldestQueued: { runId: string; type: string; createdAt: string } | null;
  durations: TypeDurations[];
  lane: LaneState;
  liveWorkers: number;
}

const HOUR_MS = 3_600_000;

// $1 project, $2 the window's start. Both walk the (project_id, created_at) index from the start,
// so rows older than the window are never read (tests/integration/overview.test.ts checks the plan).
export const HOURS_SQL = `
  SELECT date_trunc('hour', created_at) AS hour, status::text AS status, count(*)::int AS count
    FROM job_runs WHERE project_id = $1 AND created_at >= $2 GROUP BY 1, 2`;

export const DURATIONS_SQL = `
  SELECT type, count(*)::int AS ended, count(*) FILTER (WHERE status = 'failed')::int AS failed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000) AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000) AS p95
    FROM job_runs
   WHERE project_id = $1 AND created_at >= $2 AND status IN ('completed', 'failed') AND started_at IS NOT NULL AND finished_at IS NOT NULL
   GROUP BY type ORDER BY type`;

export async function projectOverview(projectId: string, window: OverviewWindow, now = new Date()): Promise<ProjectOverview> {
  const pool = getPool();
  // Whole hours: the current hour is the last bar, and the window starts `hours - 1` hours before it.
  const lastHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const hours = overviewWindows[window].hours;
  const from = new Date(lastHour - (hours - 1) * HOUR_MS);
  const [buckets, durations, active, oldest, lane, liveWorkers] = await Promise.all([
    pool.query<{ hour: Date; status: string; count: number }>(HOURS_SQL, [projectId, from]),
    pool.query<{ type: string; ended: number; failed: number; p50: number | null; p95: number | null }>(DURATIONS_SQL, [projectId, from]),
    pool.query<{ running: number; queued: number }>(
      `SELECT count(*) FILTER (WHERE status = 'running')::int AS running, count(*) FILTER (WHERE status = 'pending')::int AS queued
         FROM job_runs WHERE project_id = $1 AND status IN ('pending', 'running')`,
      [projectId],
    ),
    pool.query<{ id: string; type: string; created_at: Date }>(
      `SELECT id, type, created_at FROM job_runs WHERE project_id = $1 AND status = 'pending' ORDER BY created_at, id LIMIT 1`,
      [projectId],
    ),
    getLane(projectId),
    liveWorkerCount(),
  ]);
  const chart: OverviewHour[] = Array.from({ length: hours }, (_, index) => ({
    at: new Date(from.getTime() + index * HOUR_MS).toISOString(),
    completed: 0,
    failed: 0,
    cancelled: 0,
    active: 0,
  }));
  const totals = { completed: 0, failed: 0, cancelled: 0, active: 0 };
  for (const row of buckets.rows) {
    const bar = chart[Math.round((row.hour.getTime() - from.getTime()) / HOUR_MS)];
    if (!bar) continue;
    const outcome = row.status === "pending" || row.status === "running" ? "active" : (row.status as "completed" | "failed" | "cancelled");
    bar[outcome] += row.count;
    totals[outcome] += row.count;
  }
  const first = oldest.rows[0];
  return {
    window,
    generatedAt: now.toISOString(),
    hours: chart,
    totals,
    running: active.rows[0]!.running,
    queued: active.rows[0]!.queued,
    oldestQueued: first ? { runId: first.id, type: first.type, createdAt: first.created_at.toISOString() } : null,
    durations: durations.rows.map((row) => ({
      type: row.type,
      label: jobTypeLabel(row.type),
      ended: row.ended,
      failed: row.failed,
      p50Ms: row.p50 === null ? null : Math.round(row.p50),
      p95Ms: row.p95 === null ? null : Math.round(row.p95),
    })),
    lane,
    liveWorkers,
  };
}
