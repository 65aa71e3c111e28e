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
}

export interface JobTypeStats {
  lastRun: RunBrief | null;
  activeRun: RunBrief | null;
  /** Finished runs among the last RECENT_RUNS: how many, how many completed, median seconds. */
  recent: { finished: number; completed: number; medianSeconds: number | null };
}

interface Row {
  type: string;
  last_id: string | null;
  last_status: RunStatus | null;
  last_created_at: Date | null;
  last_finished_at: Date | null;
  active_id: string | null;
  active_status: RunStatus | null;
  active_created_at: Date | null;
  active_processed: number | null;
  active_total: number | null;
  finished: number;
  completed: number;
  median_seconds: number | null;
}

// $1 project, $2 the job types, $3 RECENT_RUNS. Each lateral reads one type's newest runs through
// (project_id, type, created_at DESC): a few rows per type, whatever the project's history.
export const JOB_TYPE_STATS_SQL = `
     SELECT t.type,
            last.id AS last_id, last.status::text AS last_status, last.created_at AS last_created_at, last.finished_at AS last_finished_at,
            active.id AS active_id, active.status::text AS active_status, active.created_at AS active_created_at,
            active.progress_processed AS active_processed, active.progress_total AS active_total,
            coalesce(recent.finished, 0)::int AS finished, coalesce(recent.completed, 0)::int AS completed, recent.median_seconds
       FROM unnest($2::text[]) AS t(type)
       LEFT JOIN LATERAL (SELECT id, status, created_at, finished_at FROM job_runs
                           WHERE project_id = $1 AND type = t.type ORDER BY created_at DESC LIMIT 1) AS last ON true
       LEFT JOIN LATERAL (SELECT id, status, created_at, progress_processed, progress_total FROM job_runs
                           WHERE project_id = $1 AND type = t.type AND status IN ('pending', 'running') LIMIT 1) AS active ON true
       LEFT JOIN LATERAL (SELECT count(*) AS finished, count(*) FILTER (WHERE status = 'completed') AS completed,
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
          ? { id: row.last_id, status: row.last_status!, createdAt: row.last_created_at!.toISOString(), finishedAt: row.last_finished_at?.toISOString() ?? null, percent: null }
          : null,
        activeRun: row.active_id
          ? { id: row.active_id, status: row.active_status!, createdAt: row.active_created_at!.toISOString(), finishedAt: null, percent: percentOf(row.active_processed ?? 0, row.active_total) }
          : null,
        recent: { finished: row.finished, completed: row.completed, medianSeconds: row.median_seconds === null ? null : Number(row.median_seconds) },
      },
    ]),
  );
}
