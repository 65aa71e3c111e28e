// Per-project lanes (PRODUCT.md "Job semantics" 8). Lane jobs share one pg-boss queue with the
// key_strict_fifo policy keyed by project: one at a time per project, in trigger order. A failed
// lane job holds back the project's later jobs, which is the lane being paused. "Retry" puts the
// failed job back at the head of the lane under a new run; "skip" deletes it; both resume the lane.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AppError } from "@/lib/api/errors";
import { bossDb, getPool, withTransaction } from "@/lib/db/pool";
import { LANE_QUEUE, allJobTypes } from "@/lib/jobs/catalog";
import { getSenderBoss } from "@/lib/jobs/queue";
import { getRun, type RunRecord } from "@/lib/jobs/runs";
import { overlapError, type Attribution } from "@/lib/jobs/service";

export interface LaneState {
  paused: boolean;
  pausedByRunId: string | null;
  error: { message: string } | null;
  /** Pending lane runs in the order they will run; position 1 runs next. */
  queued: Array<{ id: string; type: string; position: number }>;
}

interface PausingRun {
  runId: string;
  jobId: string;
  jobState: string;
  type: string;
  errorMessage: string | null;
}

const laneTypes = () => allJobTypes().filter((definition) => definition.ordering === "lane").map((definition) => definition.type);

// The lane's oldest failed run whose job still holds the lane back. Its job is `failed`, or still
// `active` for a moment when stale-run recovery failed the run before pg-boss failed the job.
async function pausingRun(db: pg.Pool | pg.PoolClient, projectId: string): Promise<PausingRun | null> {
  const { rows } = await db.query<PausingRun>(
    `SELECT run.id AS "runId", job.id AS "jobId", job.state::text AS "jobState", run.type, run.error_message AS "errorMessage"
       FROM pgboss.job AS job JOIN job_runs AS run ON run.queue_job_id = job.id
      WHERE job.name = $1 AND job.singleton_key = $2 AND job.state IN ('failed', 'active') AND run.status = 'failed'
      ORDER BY job.created_on LIMIT 1`,
    [LANE_QUEUE, projectId],
  );
  return rows[0] ?? null;
}

export async function getLane(projectId: string): Promise<LaneState> {
  const pool = getPool();
  const pausing = await pausingRun(pool, projectId);
  const { rows } = await pool.query<{ id: string; type: string }>(
    `SELECT id, type FROM job_runs WHERE project_id = $1 AND status = 'pending' AND type = ANY($2) ORDER BY created_at, id`,
    [projectId, laneTypes()],
  );
  return {
    paused: pausing !== null,
    pausedByRunId: pausing?.runId ?? null,
    error: pausing?.errorMessage ? { message: pausing.errorMessage } : null,
    queued: rows.map((row, index) => ({ ...row, position: index + 1 })),
  };
}

/** Runs the failed work again, first in the lane, as a new run linked to the failed one. */
export async function retryLane(projectId: string, by: Attribution): Promise<RunRecord> {
  const boss = await getSenderBoss();
  const newRunId = randomUUID();
  let retried: PausingRun | null = null;
  await withTransaction(async (client) => {
    const pausing = await pausingRun(client, projectId);
    if (!pausing) throw new AppError("conflict", "The lane is not paused");
    retried = pausing;
    await client.query(
      `INSERT INTO job_runs (id, type, project_id, params, notify, trigger_kind, triggered_by_user_id, triggered_by_api_key_id, retry_of_id, queue_job_id)
       SELECT $1, type, project_id, params, notify, 'retry', $2, $3, id, queue_job_id FROM job_runs WHERE id = $4`,
      [newRunId, by.userId, by.apiKeyId, pausing.runId],
    );
    const db = bossDb(client);
    if (pausing.jobState === "active") await boss.fail(LANE_QUEUE, pausing.jobId, null, { db });
    // The same pg-boss job keeps its place at the head of the lane and now carries the new run.
    await boss.retry(LANE_QUEUE, pausing.jobId, { db });
    await boss.update({ name: LANE_QUEUE, data: { runId: newRunId }, options: { id: pausing.jobId, db } });
  }).catch(async (error: unknown) => {
    // A run of the same type queued behind the failure already holds the type's one active slot.
    const pausing = retried as PausingRun | null;
    const overlap = pausing ? await overlapError(error, pausing.type, projectId) : null;
    throw overlap ?? error;
  });
  return (await getRun(newRunId))!;
}

/** Drops the failed work (its run stays failed) and lets the lane go on. */
export async function skipLane(projectId: string): Promise<LaneState> {
  const boss = await getSenderBoss();
  const pausing = await pausingRun(getPool(), projectId);
  if (!pausing) throw new AppError("conflict", "The lane is not paused");
  await boss.deleteJob(LANE_QUEUE, pausing.jobId);
  return getLane(projectId);
}

export async function isPausingRun(run: { id: string; projectId: string | null }): Promise<boolean> {
  if (!run.projectId) return false;
  return (await pausingRun(getPool(), run.projectId))?.runId === run.id;
}
