// Resuming a paused lane (PRODUCT.md "Job semantics" 8): "retry" puts the failed job back at the
// head of the lane under a new run linked to the failed one; "skip" deletes the job, leaving its run
// failed. Both decide under one lock per lane, so a retry and a skip racing each other cannot both
// act on the same failure.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { PgBoss } from "pg-boss";
import { bossDb, lockUntilCommit, withTransaction } from "@/lib/db/pool";
import { AppError } from "@/lib/errors";
import type { Attribution } from "../attribution";
import { LANE_QUEUE } from "../define-catalog";
import { getLane, pausingRun, type LaneState, type PausingRun } from "../lanes";
import { getRun, type RunRecord } from "../runs";
import { insertRunRow, overlapError } from "./create";

async function lockLane(client: pg.PoolClient, projectId: string): Promise<PausingRun> {
  await lockUntilCommit(client, `lane/${projectId}`);
  const pausing = await pausingRun(client, projectId);
  if (!pausing) throw new AppError("conflict", "The lane is not paused");
  return pausing;
}

/**
 * Runs the failed work again, first in the lane, as a new run linked to the failed one. With
 * `changes` ("Retry with changes"), the new run takes its params (already checked against the
 * type's schema), provided the run they were made for is still the one pausing the lane.
 */
export async function retryLane(projectId: string, by: Attribution, boss: PgBoss, changes?: { runId: string; params: unknown }): Promise<RunRecord> {
  const newRunId = randomUUID();
  let retried: PausingRun | null = null;
  await withTransaction(async (client) => {
    const pausing = await lockLane(client, projectId);
    retried = pausing;
    if (changes && changes.runId !== pausing.runId) throw new AppError("conflict", "The lane changed while it was being resumed; look at it again and retry");
    // The same pg-boss job keeps its place at the head of the lane and now carries the new run.
    await insertRunRow(client, {
      id: newRunId,
      type: pausing.type,
      projectId,
      params: JSON.stringify(changes ? changes.params : pausing.params),
      notify: pausing.notify,
      source: { kind: "retry", retryOfId: pausing.runId, ...by },
      queueJobId: pausing.jobId,
    });
    const db = bossDb(client);
    if (pausing.jobState === "active") await boss.fail(LANE_QUEUE, pausing.jobId, null, { db });
    await boss.retry(LANE_QUEUE, pausing.jobId, { db });
    await boss.update({ name: LANE_QUEUE, data: { runId: newRunId }, options: { id: pausing.jobId, db } });
    // The new run goes only with its job queued again and carrying it; anything else rolls back.
    const { rows } = await client.query<{ runId: string | null }>(
      `SELECT data->>'runId' AS "runId" FROM pgboss.job WHERE name = $1 AND id = $2 AND state IN ('created', 'retry')`,
      [LANE_QUEUE, pausing.jobId],
    );
    if (rows[0]?.runId !== newRunId) throw new AppError("conflict", "The lane changed while it was being resumed; look at it again and retry");
  }).catch(async (error: unknown) => {
    // A run of the same type queued behind the failure already holds the type's one active slot.
    const pausing = retried as PausingRun | null;
    throw (pausing ? await overlapError(error, pausing.type, projectId) : null) ?? error;
  });
  return (await getRun(newRunId))!;
}

/** Drops the failed work (its run stays failed) and lets the lane go on. */
export async function skipLane(projectId: string, boss: PgBoss): Promise<LaneState> {
  await withTransaction(async (client) => {
    const pausing = await lockLane(client, projectId);
    const db = bossDb(client);
    await boss.deleteJob(LANE_QUEUE, pausing.jobId, { db });
    // pg-boss fails a job by deleting it and inserting it again: a delete that raced the worker's
    // own failure of this job found the old row gone, and the failed copy is there for the next statement.
    const { rowCount } = await client.query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND id = $2`, [LANE_QUEUE, pausing.jobId]);
    if (rowCount) await boss.deleteJob(LANE_QUEUE, pausing.jobId, { db });
  });
  return getLane(projectId);
}
