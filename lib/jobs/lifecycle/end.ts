// Ending runs (PRODUCT.md "Job semantics" 2, 6, 10, 11): completed, failed or cancelled, whoever
// ends them (the worker's executor, a cancel while pending, a stopping worker, the stale-run
// sweep). Every ending is the same statement with a different condition, and the notifications
// the run owes are queued in the same transaction.
import type pg from "pg";
import { getPool, withTransaction, type Queryable } from "@/lib/db/pool";
import { queueRunNotifications, type EndedRun } from "@/lib/notify/run-notifications";
import { triggerLabel, type RunRecord } from "@/lib/jobs/runs";

export type EndStatus = "completed" | "failed" | "cancelled";

export interface Ending {
  status: EndStatus;
  result?: unknown;
  errorMessage?: string;
  errorStack?: string | null;
}

export type LabelOf = (type: string) => string;

// $1 status, $2 result, $3 error message, $4 error stack; the condition's own values from $5.
// A run that completes after a cancel was requested ends `cancelled` (a handler that ignores
// isCancelled still ends cancelled), and the fan-out claims of an ended run are released with it.
const endRunsSql = (condition: string) => `
  WITH ended AS (
    UPDATE job_runs AS run
       SET status = CASE WHEN $1 = 'completed' AND run.cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE $1::"RunStatus" END,
           cancel_requested_at = CASE WHEN $1 = 'cancelled' THEN coalesce(run.cancel_requested_at, now()) ELSE run.cancel_requested_at END,
           finished_at = now(), result = $2, error_message = $3, error_stack = $4
     WHERE ${condition}
     RETURNING run.*),
  released AS (DELETE FROM fan_out_claims WHERE run_id IN (SELECT id FROM ended))
  SELECT ended.id, ended.type, ended.status::text AS status, ended.notify, ended.project_id AS "projectId",
         ended.started_at AS "startedAt", ended.finished_at AS "finishedAt", ended.progress_processed AS "progressProcessed",
         ended.progress_total AS "progressTotal", ended.progress_message AS "progressMessage", ended.error_message AS "errorMessage",
         usr.email AS "userEmail", usr.name AS "userName",
         -- The notify email goes to the person only while they belong to the run's team: someone
         -- removed from it learns nothing more of its runs, even those their old key starts.
         CASE WHEN ended.project_id IS NULL OR EXISTS (SELECT 1 FROM memberships AS member WHERE member.user_id = usr.id AND member.team_id = project.team_id)
              THEN usr.email END AS "notifyEmail", project.name AS "projectName", project.slug AS "projectSlug",
         team.id AS "teamId", team.slug AS "teamSlug", team.name AS "teamName",
         ended.trigger_kind::text AS "triggerKind", ended.retry_of_id AS "retryOfId", api_key.name AS "apiKeyName"
    FROM ended
    LEFT JOIN users AS usr ON usr.id = ended.triggered_by_user_id
    LEFT JOIN api_keys AS api_key ON api_key.id = ended.triggered_by_api_key_id
    LEFT JOIN projects AS project ON project.id = ended.project_id
    LEFT JOIN teams AS team ON team.id = project.team_id`;

interface EndedRow extends Omit<EndedRun, "trigger"> {
  userName: string | null;
  triggerKind: RunRecord["triggerKind"];
  retryOfId: string | null;
  apiKeyName: string | null;
}

/** Ends the runs that match `condition` and queues what they owe, on `db` (a transaction when anything may be owed). */
async function endRuns(db: Queryable, condition: string, values: unknown[], ending: Ending, labelOf: LabelOf): Promise<EndedRun[]> {
  const { rows } = await db.query<EndedRow>(endRunsSql(condition), [
    ending.status,
    storable(ending.result),
    text(ending.errorMessage?.slice(0, 2000)),
    text(ending.errorStack),
    ...values,
  ]);
  const ended = rows.map(({ userName, triggerKind, retryOfId, apiKeyName, ...run }): EndedRun => ({
    ...run,
    trigger: triggerLabel({
      triggerKind,
      retryOfId,
      triggeredByUser: run.userEmail ? { name: userName, email: run.userEmail } : null,
      triggeredByApiKey: apiKeyName ? { name: apiKeyName } : null,
    }),
  }));
  await queueRunNotifications(db, ended, labelOf);
  return ended;
}

/**
 * The worker ends the run it executed. With nothing to notify it is one statement on the pool
 * (the hot path `npm run bench` measures); null when someone else ended the run first.
 */
export async function finishRun(runId: string, ending: Ending, options: { mayOweNotification: boolean; labelOf: LabelOf }): Promise<EndStatus | null> {
  const end = (db: Queryable) => endRuns(db, `run.id = $5 AND run.status = 'running'`, [runId], ending, options.labelOf);
  const [ended] = options.mayOweNotification ? await withTransaction(end) : await end(getPool());
  return ended?.status ?? null;
}

/** Cancels a run that has not started yet, inside the caller's transaction; false when it was not pending. */
export async function cancelPendingRun(client: pg.PoolClient, runId: string, labelOf: LabelOf): Promise<boolean> {
  const ended = await endRuns(client, `run.id = $5 AND run.status = 'pending'`, [runId], { status: "cancelled" }, labelOf);
  return ended.length > 0;
}

/** Fails the runs a stopping worker still holds after its grace period. */
export async function failRunsHeldAtShutdown(runIds: string[], message: string, labelOf: LabelOf): Promise<number> {
  if (runIds.length === 0) return 0;
  const ended = await withTransaction((client) =>
    endRuns(client, `run.id = ANY($5::uuid[]) AND run.status = 'running'`, [runIds], { status: "failed", errorMessage: message }, labelOf),
  );
  return ended.length;
}

/**
 * Fails runs whose worker died (semantics 10). A run is `running` only while its pg-boss job is
 * `active` and the worker holding it keeps the job's heartbeat fresh; a run whose job is gone,
 * finished, or silent for `staleAfterSeconds` is failed. Pending runs are never touched: their
 * jobs are still queued and will run.
 */
export async function recoverStaleRuns(staleAfterSeconds: number, message: string, labelOf: LabelOf): Promise<string[]> {
  // A run whose handler holds the write fence (lib/db/fence.ts) is skipped, not waited for: a
  // frozen worker inside a transaction must not stall the sweep (PostgreSQL ends that session).
  const condition = `run.status = 'running' AND run.id IN (
      SELECT stale.id FROM job_runs AS stale
       WHERE stale.status = 'running' AND NOT EXISTS (
         SELECT 1 FROM pgboss.job AS job
          WHERE job.id = stale.queue_job_id AND job.state = 'active'
            AND coalesce(job.heartbeat_on, job.started_on) > now() - make_interval(secs => $5))
       FOR UPDATE SKIP LOCKED)`;
  const ended = await withTransaction((client) => endRuns(client, condition, [staleAfterSeconds], { status: "failed", errorMessage: message }, labelOf));
  return ended.map((run) => run.id);
}

/**
 * Fails pending runs whose queued job is gone (or finished without running them): nothing will ever
 * run them, and each holds its type's one active slot, so every new trigger would answer 409 with
 * its id and a lane would list it first forever. A run and its job are written in one transaction,
 * so this cannot catch one being created; the grace covers a job being moved (pg-boss retries and
 * fails by rewriting the row) and clocks.
 */
export async function failOrphanedPendingRuns(graceSeconds: number, message: string, labelOf: LabelOf): Promise<string[]> {
  const condition = `run.status = 'pending' AND run.created_at < now() - make_interval(secs => $5) AND NOT EXISTS (
      SELECT 1 FROM pgboss.job AS job WHERE job.id = run.queue_job_id AND job.state IN ('created', 'retry', 'active'))`;
  const ended = await withTransaction((client) => endRuns(client, condition, [graceSeconds], { status: "failed", errorMessage: message }, labelOf));
  return ended.map((run) => run.id);
}

// PostgreSQL refuses NUL in text and jsonb; a handler's odd error or result must not leave its run
// stuck `running` because the final write failed.
const text = (value: string | null | undefined) => (value == null ? null : value.replaceAll("\u0000", ""));

function storable(result: unknown): string | null {
  if (result === undefined || result === null) return null;
  try {
    // In the strings themselves: a backslash-u-0000 that is ordinary text must stay as it is.
    return JSON.stringify(result, (_key, value: unknown) => (typeof value === "string" ? value.replaceAll("\u0000", "") : value));
  } catch (error) {
    // A BigInt or a cycle: keep the run's outcome, and say why its result is missing.
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
}
