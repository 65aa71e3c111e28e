// What the Tasks page says about each job type of a project: its last run, the run in progress
// (so "Run now" can say "Already running" with a link), and how its recent runs went.
import { getPool } from "@/lib/db/pool";
import { percentOf } from "@/lib/jobs/progress";
import type { RunStatus } from "@/lib/jobs/schemas";

/** How many finished runs the success rate and median duration look back over. */
export const RECENT_RUNS = 20;

export interface RunBrief {
  id: string;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  percent: number | null;
  /** A failed run's error, cut to a card's length (the run page has it whole). */
  error?: string | null;
}

export interface JobTypeStats {
  lastRun: RunBrief | null;
  activeRun: RunBrief | null;
  /**
   * The last RECENT_RUNS finished runs: how many completed, failed and were cancelled, the success
   * rate (percent) and the median seconds of the completed ones.
   */
  recent: { completed: number; failed: number; cancelled: number; successPercent: number | null; medianSeconds: number | null };
}

/**
 * Completed out of completed and failed, as a whole percent; null when neither happened. A
 * cancelled run was stopped by someone, not broken, so it counts neither way (as in Sidekiq's and
 * Oban's dashboards, where cancelled or discarded-by-hand jobs are not failures).
 */
export function successPercent(completed: number, failed: number): number | null {
  return completed + failed === 0 ? null : Math.round((completed / (completed + failed)) * 100);
}

interface Row {
  type: string;
  last_id: string | null;
  last_status: RunStatus | null;
  last_created_at: Date | null;
  last_finished_at: Date | null;
  last_error: string | null;
  active_id: string | null;
  active_status: RunStatus | null;
  active_created_at: Date | null;
  active_processed: number | null;
  active_total: number | null;
  completed: number;
  failed: number;
  cancelled: number;
  median_seconds: number | null;
}

// $1 project, $2 the job types, $3 RECENT_RUNS. Each lateral reads one type's newest runs through
// (project_id, type, created_at DESC): a few rows per type, whatever the project's history.
export const JOB_TYPE_STATS_SQL = `
     SELECT t.type,
            last.id AS last_id, last.status::text AS last_status, last.created_at AS last_created_at, last.finished_at AS last_finished_at,
            left(last.error_message, 300) AS last_error,
            active.id AS active_id, active.status::text AS active_status, active.created_at AS active_created_at,
            active.progress_processed AS active_processed, active.progress_total AS active_total,
            coalesce(recent.completed, 0)::int AS completed, coalesce(recent.failed, 0)::int AS failed,
            coalesce(recent.cancelled, 0)::int AS cancelled, recent.median_seconds
       FROM unnest($2::text[]) AS t(type)
       LEFT JOIN LATERAL (SELECT id, status, created_at, finished_at, error_message FROM job_runs
                           WHERE project_id = $1 AND type = t.type ORDER BY created_at DESC LIMIT 1) AS last ON true
       LEFT JOIN LATERAL (SELECT id, status, created_at, progress_processed, progress_total FROM job_runs
                           WHERE project_id = $1 AND type = t.type AND status IN ('pending', 'running') LIMIT 1) AS active ON true
       LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'completed') AS completed,
                                 count(*) FILTER (WHERE status = 'failed') AS failed,
                                 count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at))
                                   FILTER (WHERE status = 'completed') AS median_seconds
                            FROM (SELECT status, started_at, finished_at FROM job_runs
                                   WHERE project_id = $1 AND type = t.type AND status IN ('completed', 'failed', 'cancelled')
                                   ORDER BY created_at DESC LIMIT $3) AS latest) AS recent ON true`;

export async function jobTypeStats(projectId: string, types: string[]): Promise<Record<string, JobTypeStats>> {
  const { rows } = await getPool().query<Row>(JOB_TYPE_STATS_SQL, [projectId, types, RECENT_RUNS]);
  return Object.fromEntries(
    rows.map((row) => [
      row.type,
      {
        lastRun: row.last_id
          ? { id: row.last_id, status: row.last_status!, createdAt: row.last_created_at!.toISOString(), finishedAt: row.last_finished_at?.toISOString() ?? null, percent: null, error: row.last_error }
          : null,
        activeRun: row.active_id
          ? { id: row.active_id, status: row.active_status!, createdAt: row.active_created_at!.toISOString(), finishedAt: null, percent: percentOf(row.active_processed ?? 0, row.active_total) }
          : null,
        recent: {
          completed: row.completed,
          failed: row.failed,
          cancelled: row.cancelled,
          successPercent: successPercent(row.completed, row.failed),
          medianSeconds: row.median_seconds === null ? null : Number(row.median_seconds),
        },
      },
    ]),
  );
}
