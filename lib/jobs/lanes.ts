// Per-project lanes (PRODUCT.md "Job semantics" 8), as they are read. Lane jobs share one pg-boss
// queue with the key_strict_fifo policy keyed by project: one at a time per project, in trigger
// order. A failed lane job holds back the project's later jobs, which is the lane being paused;
// retrying or skipping it (lib/jobs/lifecycle/lane.ts) resumes the lane.
import type pg from "pg";
import { getPool } from "@/lib/db/pool";
import { LANE_QUEUE } from "./define-catalog";

export interface LaneState {
  paused: boolean;
  pausedByRunId: string | null;
  error: { message: string } | null;
  /** Pending lane runs in the order they will run; position 1 runs next. */
  queued: Array<{ id: string; type: string; position: number }>;
}

export interface PausingRun {
  runId: string;
  jobId: string;
  jobState: string;
  type: string;
  params: unknown;
  notify: boolean;
  errorMessage: string | null;
}

// The lane's oldest failed run whose job still holds the lane back. Its job is `failed`, or still
// `active` for a moment when stale-run recovery failed the run before pg-boss failed the job. A
// lane retry gives the same job a new run, so only the job's newest run says whether it failed: the
// old failed run of a job that is running again does not pause the lane.
export async function pausingRun(db: Pick<pg.Pool | pg.PoolClient, "query">, projectId: string): Promise<PausingRun | null> {
  const { rows } = await db.query<PausingRun>(
    `SELECT run.id AS "runId", job.id AS "jobId", job.state::text AS "jobState", run.type, run.params, run.notify, run.error_message AS "errorMessage"
       FROM pgboss.job AS job
       JOIN LATERAL (SELECT * FROM job_runs WHERE queue_job_id = job.id ORDER BY created_at DESC, id DESC LIMIT 1) AS run ON true
      WHERE job.name = $1 AND job.singleton_key = $2 AND job.state IN ('failed', 'active') AND run.status = 'failed'
      ORDER BY job.created_on LIMIT 1`,
    [LANE_QUEUE, projectId],
  );
  return rows[0] ?? null;
}

export async function getLane(projectId: string): Promise<LaneState> {
  const pool = getPool();
  const pausing = await pausingRun(pool, projectId);
  // Lane runs are the ones whose job is in the lane queue: no catalog needed to tell them apart.
  const { rows } = await pool.query<{ id: string; type: string }>(
    `SELECT run.id, run.type FROM job_runs AS run
      WHERE run.project_id = $1 AND run.status = 'pending'
        AND EXISTS (SELECT 1 FROM pgboss.job AS job WHERE job.name = $2 AND job.id = run.queue_job_id)
      ORDER BY run.created_at, run.id`,
    [projectId, LANE_QUEUE],
  );
  return {
    paused: pausing !== null,
    pausedByRunId: pausing?.runId ?? null,
    error: pausing?.errorMessage ? { message: pausing.errorMessage } : null,
    queued: rows.map((row, index) => ({ ...row, position: index + 1 })),
  };
}

export async function isPausingRun(run: { id: string; projectId: string | null }): Promise<boolean> {
  if (!run.projectId) return false;
  return (await pausingRun(getPool(), run.projectId))?.runId === run.id;
}
