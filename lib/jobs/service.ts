// The job service: the one way runs are created (PRODUCT.md "Job semantics" 1-4).
import { randomUUID } from "node:crypto";
import { AppError, invalid } from "@/lib/api/errors";
import { containsNul } from "@/lib/validation";
import { getJobType, queueName } from "@/lib/jobs/catalog";
import { getSenderBoss } from "@/lib/jobs/queue";
import { getRun, RUN_RECORD_COLUMNS, RUN_RECORD_JOINS, type RunRecord } from "@/lib/jobs/runs";
import { bossDb, withTransaction } from "@/lib/db/pool";
import { isPausingRun, retryLane } from "@/lib/jobs/lanes";
import { prisma } from "@/lib/db";
import type { PgBoss } from "pg-boss";

/** Who a person or key is, when they trigger or retry: the user receives notify emails. */
export interface Attribution {
  userId: string | null;
  apiKeyId: string | null;
}

export type TriggerSource =
  | { kind: "user"; userId: string }
  | ({ kind: "api_key" } & Attribution)
  | { kind: "schedule" }
  | ({ kind: "retry"; retryOfId: string } & Attribution)
  | { kind: "admin_cli" };

export interface TriggerRequest {
  type: string;
  /** Required for project-scoped types; must be absent for system types. */
  projectId: string | null;
  params?: unknown;
  notify?: boolean;
  source: TriggerSource;
}

const ACTIVE_RUN_INDEX = "job_runs_active_type_project_key";

export async function triggerJob(request: TriggerRequest, boss?: PgBoss): Promise<RunRecord> {
  const definition = getJobType(request.type);
  const scopeMatches = definition && (definition.scope === "project") === (request.projectId !== null);
  if (!definition || !scopeMatches) {
    // System types are invisible through project routes, so they read as unknown, not forbidden.
    throw new AppError("bad_request", `Unknown job type "${request.type}"`, {
      issues: [{ path: "type", message: "not a job type of this project" }],
    });
  }
  const parsed = definition.paramsSchema.safeParse(request.params ?? {});
  if (!parsed.success) throw invalid("invalid_params", `Invalid params for ${definition.type}`, parsed.error, ["params"]);
  if (containsNul(parsed.data)) {
    throw new AppError("invalid_params", `Invalid params for ${definition.type}`, { issues: [{ path: "params", message: "must not contain NUL characters" }] });
  }

  const sender = boss ?? (await getSenderBoss());
  const runId = randomUUID();
  const jobId = randomUUID();
  try {
    // The run row and its pg-boss job commit together or not at all (semantics 3). The INSERT
    // returns the run as callers need it, so the hottest write path reads nothing back.
    return await withTransaction(async (client) => {
      const { rows } = await client.query<RunRecord>(
        `WITH run AS (
           INSERT INTO job_runs (id, type, project_id, params, notify, trigger_kind, triggered_by_user_id, triggered_by_api_key_id, retry_of_id, queue_job_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *)
         SELECT ${RUN_RECORD_COLUMNS} FROM run ${RUN_RECORD_JOINS}`,
        [
          runId,
          definition.type,
          request.projectId,
          JSON.stringify(parsed.data),
          request.notify ?? false,
          request.source.kind,
          "userId" in request.source ? request.source.userId : null,
          "apiKeyId" in request.source ? request.source.apiKeyId : null,
          request.source.kind === "retry" ? request.source.retryOfId : null,
          jobId,
        ],
      );
      const sent = await sender.send(queueName(definition.type), { runId }, {
        id: jobId,
        db: bossDb(client),
        // The lane key: key_strict_fifo orders and pauses each project's lane separately.
        ...(definition.ordering === "lane" && request.projectId ? { singletonKey: request.projectId } : {}),
      });
      if (sent === null) throw new Error(`pg-boss refused the job for run ${runId}`);
      return rows[0]!;
    });
  } catch (error) {
    if (isUniqueViolation(error, ACTIVE_RUN_INDEX)) throw await alreadyRunning(definition.type, request.projectId);
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === "23505" && pgError.constraint === constraint;
}

/** The error a write that collided with the one-active-run-per-type rule becomes, or null. */
export async function overlapError(error: unknown, type: string, projectId: string | null): Promise<AppError | null> {
  return isUniqueViolation(error, ACTIVE_RUN_INDEX) ? alreadyRunning(type, projectId) : null;
}

async function alreadyRunning(type: string, projectId: string | null): Promise<AppError> {
  const existing = await prisma.jobRun.findFirst({
    where: { type, projectId, status: { in: ["pending", "running"] } },
    select: { id: true },
  });
  return new AppError("job_already_running", `A ${type} run is already pending or running`, {
    details: { existingRunId: existing?.id ?? null },
  });
}

/**
 * Retries a failed or cancelled run as a new run linked to it (semantics 5). A lane run that is
 * pausing its lane is retried in place, first in the lane; any other run goes to the back.
 */
export async function retryRun(runId: string, by: Attribution): Promise<RunRecord> {
  const run = await getRun(runId);
  if (!run) throw new AppError("not_found", "Run not found");
  if (run.status !== "failed" && run.status !== "cancelled") {
    throw new AppError("conflict", `Only failed or cancelled runs can be retried; this one is ${run.status}`, { details: { status: run.status } });
  }
  if (run.projectId && (await isPausingRun(run))) return retryLane(run.projectId, by);
  return triggerJob({
    type: run.type,
    projectId: run.projectId,
    params: run.params,
    notify: run.notify,
    source: { kind: "retry", ...by, retryOfId: run.id },
  });
}
