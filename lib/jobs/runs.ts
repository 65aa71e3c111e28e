// Job runs: reading them and shaping them for the API (PRODUCT.md "REST API v1", "A run").
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import type { Prisma } from "@/lib/generated/prisma/client";
import { progressView } from "@/lib/jobs/progress";
import { isStorableDate, type ApiRun, type RunStatus, triggerKinds } from "@/lib/jobs/schemas";

export type { ApiRun };
import { AppError } from "@/lib/errors";

export const runInclude = {
  triggeredByUser: { select: { name: true, email: true } },
  triggeredByApiKey: { select: { name: true, prefix: true } },
} satisfies Prisma.JobRunInclude;

export type RunRecord = Prisma.JobRunGetPayload<{ include: typeof runInclude }>;

/** Who or what triggered a run, in words (the API's `trigger.label`, notifications). */
export function triggerLabel(run: Pick<RunRecord, "triggerKind" | "retryOfId"> & { triggeredByUser: { name: string | null; email: string } | null; triggeredByApiKey: { name: string } | null }): string {
  switch (run.triggerKind) {
    case "user":
      return run.triggeredByUser?.name ?? run.triggeredByUser?.email ?? "A deleted user";
    case "api_key":
      return run.triggeredByApiKey ? `API key "${run.triggeredByApiKey.name}"` : "A deleted API key";
    case "schedule":
      return "Schedule";
    case "retry":
      return run.retryOfId ? `Retry of ${run.retryOfId.slice(0, 8)}` : "Retry";
    case "admin_cli":
      return "Admin CLI";
  }
}

export function toApiRun(run: RunRecord): ApiRun {
  return {
    id: run.id,
    type: run.type,
    projectId: run.projectId,
    status: run.status,
    progress: progressView({ processed: run.progressProcessed, total: run.progressTotal, message: run.progressMessage }),
    result: run.result ?? null,
    error: run.errorMessage === null ? null : { message: run.errorMessage },
    params: run.params,
    notify: run.notify,
    trigger: { kind: run.triggerKind, label: triggerLabel(run) },
    retryOfId: run.retryOfId,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

// A run as RunRecord from plain SQL over `job_runs AS run` and RUN_RECORD_JOINS, for statements
// that return the run they write (the trigger's INSERT … RETURNING) instead of reading it again.
// tests/integration/trigger.test.ts checks that it matches what getRun reads.
export const RUN_RECORD_JOINS = `LEFT JOIN users AS usr ON usr.id = run.triggered_by_user_id
  LEFT JOIN api_keys AS api_key ON api_key.id = run.triggered_by_api_key_id`;
export const RUN_RECORD_COLUMNS = `run.id, run.type, run.project_id AS "projectId", run.status::text AS status, run.params,
  run.notify, run.trigger_kind::text AS "triggerKind", run.triggered_by_user_id AS "triggeredByUserId",
  run.triggered_by_api_key_id AS "triggeredByApiKeyId",
  run.retry_of_id AS "retryOfId", run.queue_job_id AS "queueJobId", run.progress_processed AS "progressProcessed",
  run.progress_total AS "progressTotal", run.progress_message AS "progressMessage", run.result,
  run.error_message AS "errorMessage", run.error_stack AS "errorStack", run.cancel_requested_at AS "cancelRequestedAt",
  run.created_at AS "createdAt", run.started_at AS "startedAt", run.finished_at AS "finishedAt", run.updated_at AS "updatedAt",
  CASE WHEN usr.id IS NULL THEN NULL ELSE json_build_object('name', usr.name, 'email', usr.email) END AS "triggeredByUser",
  CASE WHEN api_key.id IS NULL THEN NULL ELSE json_build_object('name', api_key.name, 'prefix', api_key.prefix) END AS "triggeredByApiKey"`;

export async function getRun(runId: string): Promise<RunRecord | null> {
  return prisma.jobRun.findUnique({ where: { id: runId }, include: runInclude });
}

// Keyset cursor over (createdAt, id), newest first: stable while new runs keep arriving.
export function encodeCursor(run: { createdAt: Date; id: string }): string {
  return Buffer.from(`${run.createdAt.toISOString()}|${run.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || !isStorableDate(createdAt)) {
    throw new AppError("bad_request", "cursor is not valid", { issues: [{ path: "cursor", message: "not a cursor from a previous page" }] });
  }
  return { createdAt, id };
}

type TriggerKind = (typeof triggerKinds)[number];

export interface ListRunsOptions {
  projectId: string;
  status?: RunStatus;
  type?: string;
  /** Created at or after this moment. */
  from?: string;
  /** Created before this moment. */
  to?: string;
  trigger?: TriggerKind;
  /** `key=value`: a params value, compared as text (so reviewId=123 finds both 123 and "123"). */
  param?: string;
  /** The id's first hex digits (4 to 32, no dashes, lower case: listRunsQuerySchema makes them so). */
  id?: string;
  limit: number;
  cursor?: string;
}

/**
 * The ids that start with a prefix, as a range of the primary key: ab12 is ab120000-… to ab12ffff-…,
 * which PostgreSQL reads from the primary key's index, at any history (no index on id as text).
 */
export function idPrefixRange(prefix: string): [string, string] {
  const uuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return [uuid(prefix.padEnd(32, "0")), uuid(prefix.padEnd(32, "f"))];
}

/**
 * A params filter as jsonb containment, which the GIN index on params (jsonb_path_ops) answers:
 * the value as a string, and also as the number or boolean it spells, since a form's 123 and a
 * script's "123" mean the same to the person searching.
 */
export function paramMatches(param: string): string[] {
  const at = param.indexOf("=");
  const key = param.slice(0, at);
  const value = param.slice(at + 1);
  const candidates: unknown[] = [value];
  if (/^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(Number(value))) candidates.push(Number(value));
  if (value === "true" || value === "false") candidates.push(value === "true");
  return candidates.map((candidate) => JSON.stringify({ [key]: candidate }));
}

/**
 * A fingerprint of everything in a project's runs, read in constant time whatever the history: it
 * changes when any run is created, written (progress included, through the updated_at trigger),
 * ends or is deleted. The newest updated_at is one step down the (project_id, updated_at) index;
 * deletes are counted by a trigger into job_run_deletions. updated_at is stamped when a statement
 * runs, not when it commits, so a transaction that commits late could slip under a newer stamp; the
 * count of active runs (a partial index holding only pending and running runs) catches the cases
 * that matter, a run created or ended.
 */
export async function runsVersion(projectId: string): Promise<string> {
  const { rows } = await getPool().query<{ latest: Date | null; active: string; deleted: string | null }>(RUNS_VERSION_SQL, [projectId]);
  const row = rows[0];
  return `${row?.latest?.toISOString() ?? "-"}/${row?.active ?? 0}/${row?.deleted ?? 0}`;
}

export const RUNS_VERSION_SQL = `SELECT
    (SELECT updated_at FROM job_runs WHERE project_id = $1 ORDER BY updated_at DESC LIMIT 1) AS latest,
    (SELECT count(*) FROM job_runs WHERE project_id = $1 AND status IN ('pending', 'running')) AS active,
    (SELECT deleted FROM job_run_deletions WHERE project_id = $1) AS deleted`;

// One page, newest first. The cursor is a row-value comparison, which PostgreSQL seeks to in the
// (project_id, created_at DESC, id DESC) index at any depth; the OR of the two cases cannot be.
export async function listRuns(options: ListRunsOptions): Promise<{ runs: RunRecord[]; nextCursor: string | null }> {
  const { sql, values } = listRunsQuery(options);
  const { rows: runs } = await getPool().query<RunRecord>(sql, values);
  const page = runs.slice(0, options.limit);
  const last = page.at(-1);
  return { runs: page, nextCursor: runs.length > options.limit && last ? encodeCursor(last) : null };
}

export function listRunsQuery(options: ListRunsOptions): { sql: string; values: unknown[] } {
  const values: unknown[] = [options.projectId];
  const conditions = ["run.project_id = $1"];
  const where = (condition: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(condition(`$${values.length}`));
  };
  if (options.status) where((at) => `run.status = ${at}::"RunStatus"`, options.status);
  if (options.type) where((at) => `run.type = ${at}`, options.type);
  if (options.from) where((at) => `run.created_at >= ${at}`, new Date(options.from));
  if (options.to) where((at) => `run.created_at < ${at}`, new Date(options.to));
  if (options.trigger) where((at) => `run.trigger_kind = ${at}::"TriggerKind"`, options.trigger);
  if (options.id) {
    const [low, high] = idPrefixRange(options.id);
    where((at) => `run.id >= ${at}::uuid`, low);
    where((at) => `run.id <= ${at}::uuid`, high);
  }
  if (options.param) {
    const matches = paramMatches(options.param).map((match) => {
      values.push(match);
      return `run.params @> $${values.length}::jsonb`;
    });
    conditions.push(`(${matches.join(" OR ")})`);
  }
  if (options.cursor) {
    const after = decodeCursor(options.cursor);
    values.push(after.createdAt, after.id);
    conditions.push(`(run.created_at, run.id) < ($${values.length - 1}, $${values.length}::uuid)`);
  }
  values.push(options.limit + 1);
  return {
    sql: `SELECT ${RUN_RECORD_COLUMNS} FROM job_runs AS run ${RUN_RECORD_JOINS}
           WHERE ${conditions.join(" AND ")} ORDER BY run.created_at DESC, run.id DESC LIMIT $${values.length}`,
    values,
  };
}
