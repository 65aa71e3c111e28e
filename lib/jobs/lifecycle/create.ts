// Creating runs (PRODUCT.md "Job semantics" 3, 4, 12): the run row and its pg-boss job commit in one
// transaction, the partial unique index refuses a second active run of a type (per project), and a
// project run never starts while a fan-out run of its type holds the project.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { PgBoss } from "pg-boss";
import { bossDb, withTransaction } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { TriggerSource } from "../attribution";
import { RUN_RECORD_COLUMNS, RUN_RECORD_JOINS, type RunRecord } from "../runs";
import { fanOutHolder, lockProjectType } from "./fan-out-claims";

export interface NewRun {
  type: string;
  /** Null for runs that belong to no project (system runs and fan-outs). */
  projectId: string | null;
  /** Already checked against the type's params schema. */
  params: unknown;
  notify: boolean;
  source: TriggerSource;
  queue: string;
  /** Lane types: the project keys the pg-boss job, which orders and pauses the project's lane. */
  lane: boolean;
  /** Types a fan-out can work on: a project run waits for no fan-out, it is refused while one holds the project. */
  fanOut: boolean;
}

const ACTIVE_RUN_INDEX = "job_runs_active_type_project_key";

interface RunRow {
  id: string;
  type: string;
  projectId: string | null;
  params: string;
  notify: boolean;
  source: TriggerSource;
  queueJobId: string;
}

// The one INSERT into job_runs: new runs and lane retries. It returns the run as callers need it,
// so the hottest write path reads nothing back.
export async function insertRunRow(client: pg.PoolClient, row: RunRow): Promise<RunRecord> {
  const { source } = row;
  const { rows } = await client.query<RunRecord>(
    `WITH run AS (
       INSERT INTO job_runs (id, type, project_id, params, notify, trigger_kind, triggered_by_user_id, triggered_by_api_key_id, retry_of_id, queue_job_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *)
     SELECT ${RUN_RECORD_COLUMNS} FROM run ${RUN_RECORD_JOINS}`,
    [
      row.id,
      row.type,
      row.projectId,
      row.params,
      row.notify,
      source.kind,
      "userId" in source ? source.userId : null,
      "apiKeyId" in source ? source.apiKeyId : null,
      source.kind === "retry" ? source.retryOfId : null,
      row.queueJobId,
    ],
  );
  return rows[0]!;
}

export async function createRun(run: NewRun, boss: PgBoss): Promise<RunRecord> {
  const runId = randomUUID();
  const jobId = randomUUID();
  try {
    return await withTransaction(async (client) => {
      if (run.fanOut && run.projectId) {
        await lockProjectType(client, run.type, run.projectId);
        if (await fanOutHolder(client, run.type, run.projectId)) {
          // The fan-out is a system run, invisible here: say what is happening without its id.
          throw new AppError("job_already_running", `A scheduled ${run.type} run is working on this project right now; try again when it has moved on`, {
            details: { existingRunId: null },
          });
        }
      }
      const created = await insertRunRow(client, {
        id: runId,
        type: run.type,
        projectId: run.projectId,
        params: JSON.stringify(run.params),
        notify: run.notify,
        source: run.source,
        queueJobId: jobId,
      });
      const sent = await boss.send(run.queue, { runId }, { id: jobId, db: bossDb(client), ...(run.lane && run.projectId ? { singletonKey: run.projectId } : {}) });
      if (sent === null) throw new Error(`pg-boss refused the job for run ${runId}`);
      return created;
    });
  } catch (error) {
    throw (await overlapError(error, run.type, run.projectId)) ?? error;
  }
}

/** The 409 a write that collided with the one-active-run-per-type rule becomes, or null. */
export async function overlapError(error: unknown, type: string, projectId: string | null): Promise<AppError | null> {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError?.code !== "23505" || pgError.constraint !== ACTIVE_RUN_INDEX) return null;
  const existing = await prisma.jobRun.findFirst({ where: { type, projectId, status: { in: ["pending", "running"] } }, select: { id: true } });
  return new AppError("job_already_running", `A ${type} run is already pending or running`, { details: { existingRunId: existing?.id ?? null } });
}
