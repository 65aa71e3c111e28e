// Bulk actions (issue 19): retry every run of a failure group, and cancel every pending run of a
// type (or of all types) in a project. Each goes through the one-by-one action (the service's
// retry and cancel), so every run gets the same records as if an admin had clicked it: the new
// run linked as its retry, its notification, its lane place.
//
// A group's runs are of one type, and a type has at most one pending or running run per project
// (semantics 4), so a group retry cannot start them all at once: it retries the oldest now and the
// next whenever the type is free again (after each run of it ends, in the worker, and on a sweep).
// Which runs are left is read from job_runs each time: failed, in the group, created in the window
// before the request, and not yet retried. A run retried by hand meanwhile is not retried again,
// and two admins retrying the same group at once cannot retry a run twice (the second retry of it
// would be a second active run of the type, which the database refuses).
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { getPool } from "@/lib/db/pool";
import type { Attribution } from "./attribution";
import { recordAudit, retryEvents, type AuditActor } from "./audit";
import type { RunRecord } from "./runs";

/** The service's one-by-one actions, which the bulk ones repeat. */
export interface OneByOne {
  retry(runId: string, by: Attribution): Promise<RunRecord>;
  cancel(runId: string): Promise<RunRecord>;
}

/** At most this many runs per bulk action: a bound on one request's work. */
export const BULK_LIMIT = 500;

export interface FailureGroupKey {
  projectId: string;
  type: string;
  /** failure_fingerprint(error_message): the group's id on the Failures page. */
  fingerprint: string;
  /** The Failures window's start (null: all time). */
  from: Date | null;
}

// $1 project, $2 type, $3 fingerprint, $4 window start (null: all time), $5 created at or before.
// The partial index job_runs_failures_idx holds exactly these columns for failed runs.
const GROUP_RUNS_WHERE = `
       run.project_id = $1 AND run.type = $2 AND run.status = 'failed'
   AND failure_fingerprint(run.error_message) = $3::uuid
   AND run.created_at >= coalesce($4::timestamptz, '-infinity') AND run.created_at <= $5
   AND NOT EXISTS (SELECT 1 FROM job_runs AS retry WHERE retry.retry_of_id = run.id)`;

/** How many of a group's failed runs in the window have no retry yet: what "Retry all" would retry. */
export async function countGroupRetries(group: FailureGroupKey): Promise<number> {
  const { rows } = await getPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM job_runs AS run WHERE ${GROUP_RUNS_WHERE}`, [
    group.projectId,
    group.type,
    group.fingerprint,
    group.from,
    new Date(),
  ]);
  return rows[0]!.count;
}

export interface GroupRetryStarted {
  bulkRetryId: string;
  /** Runs the group retry will retry, oldest first (at most BULK_LIMIT). */
  planned: number;
  /** Retried at once (the first; more if the type's runs end quickly). */
  retried: number;
  /** Runs of the group beyond BULK_LIMIT, left for another request. */
  leftOver: number;
}

/** Starts retrying a failure group's runs; the first goes at once, the rest as the type frees up. */
export async function retryFailureGroup(service: OneByOne, group: FailureGroupKey, by: AuditActor): Promise<GroupRetryStarted> {
  const requestedAt = new Date();
  const total = await countGroupRetriesBefore(group, requestedAt);
  if (total === 0) throw new AppError("conflict", "Every failed run of this group in this window has been retried already", { details: { planned: 0 } });
  const planned = Math.min(total, BULK_LIMIT);
  const id = randomUUID();
  await getPool().query(
    `INSERT INTO bulk_retries (id, project_id, type, fingerprint, window_from, requested_at, requested_by_user_id, requested_by_api_key_id, requested_via, planned)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, group.projectId, group.type, group.fingerprint, group.from, requestedAt, by.userId, by.apiKeyId, by.surface, planned],
  );
  const retried = await advanceBulkRetry(service, id);
  return { bulkRetryId: id, planned, retried, leftOver: total - planned };
}

async function countGroupRetriesBefore(group: FailureGroupKey, before: Date): Promise<number> {
  const { rows } = await getPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM job_runs AS run WHERE ${GROUP_RUNS_WHERE}`, [
    group.projectId,
    group.type,
    group.fingerprint,
    group.from,
    before,
  ]);
  return rows[0]!.count;
}

interface BulkRetryRow {
  id: string;
  project_id: string;
  type: string;
  fingerprint: string;
  window_from: Date | null;
  requested_at: Date;
  requested_by_user_id: string | null;
  requested_by_api_key_id: string | null;
  requested_via: AuditActor["surface"];
  planned: number;
  retried: number;
}

/**
 * Retries the group's next runs while the type is free, and closes the group retry when none is
 * left or its plan is done. Returns how many it retried now.
 */
export async function advanceBulkRetry(service: OneByOne, bulkRetryId: string): Promise<number> {
  const { rows } = await getPool().query<BulkRetryRow>(`SELECT * FROM bulk_retries WHERE id = $1 AND finished_at IS NULL`, [bulkRetryId]);
  const bulk = rows[0];
  if (!bulk) return 0;
  const by: AuditActor = { userId: bulk.requested_by_user_id, apiKeyId: bulk.requested_by_api_key_id, surface: bulk.requested_via };
  let retried = 0;
  for (let done = bulk.retried; done < bulk.planned; ) {
    const next = await getPool().query<{ id: string }>(`SELECT run.id FROM job_runs AS run WHERE ${GROUP_RUNS_WHERE} ORDER BY run.created_at, run.id LIMIT 1`, [
      bulk.project_id,
      bulk.type,
      bulk.fingerprint,
      bulk.window_from,
      bulk.requested_at,
    ]);
    const runId = next.rows[0]?.id;
    if (!runId) break;
    let retry: RunRecord;
    try {
      retry = await service.retry(runId, by);
    } catch (error) {
      // The type's one active run (an earlier retry, or anyone's run): the next goes when it ends.
      if (error instanceof AppError && error.code === "job_already_running") return retried;
      throw error;
    }
    // The same trail as a one-by-one retry, marked as part of the group retry.
    await recordAudit(retryEvents(bulk.project_id, runId, retry, by, { bulkRetryId: bulk.id }));
    retried += 1;
    done += 1;
    await getPool().query(`UPDATE bulk_retries SET retried = retried + 1 WHERE id = $1`, [bulk.id]);
  }
  await getPool().query(`UPDATE bulk_retries SET finished_at = now() WHERE id = $1 AND finished_at IS NULL`, [bulk.id]);
  return retried;
}

/** After a run ends: the open group retries of its type in its project take their next step. */
export async function advanceBulkRetriesAfter(service: OneByOne, runId: string): Promise<number> {
  const { rows } = await getPool().query<{ id: string }>(
    `SELECT bulk.id FROM job_runs AS run JOIN bulk_retries AS bulk ON bulk.project_id = run.project_id AND bulk.type = run.type AND bulk.finished_at IS NULL
      WHERE run.id = $1 ORDER BY bulk.requested_at`,
    [runId],
  );
  let retried = 0;
  for (const { id } of rows) retried += await advanceBulkRetry(service, id);
  return retried;
}

/** Every open group retry takes its next step: the worker's backstop for a missed run end. */
export async function advanceOpenBulkRetries(service: OneByOne): Promise<number> {
  const { rows } = await getPool().query<{ id: string }>(`SELECT id FROM bulk_retries WHERE finished_at IS NULL ORDER BY requested_at LIMIT 100`);
  let retried = 0;
  for (const { id } of rows) retried += await advanceBulkRetry(service, id);
  return retried;
}

export interface PendingRunsKey {
  projectId: string;
  /** One type, or every type of the project. */
  type: string | null;
}

const PENDING_WHERE = `project_id = $1 AND status = 'pending' AND ($2::text IS NULL OR type = $2)`;

export async function countPendingRuns(key: PendingRunsKey): Promise<number> {
  const { rows } = await getPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM job_runs WHERE ${PENDING_WHERE}`, [key.projectId, key.type]);
  return rows[0]!.count;
}

export interface CancelledPending {
  cancelled: number;
  /** Runs that started before their cancel reached them: asked to stop, like a running run. */
  stopping: number;
  /** Pending runs beyond BULK_LIMIT, left for another request. */
  leftOver: number;
}

/** Cancels the project's pending runs (of one type, or all), each through the one-by-one cancel. */
export async function cancelPendingRuns(service: OneByOne, key: PendingRunsKey, by?: AuditActor): Promise<CancelledPending> {
  const { rows } = await getPool().query<{ id: string }>(`SELECT id FROM job_runs WHERE ${PENDING_WHERE} ORDER BY created_at, id LIMIT ${BULK_LIMIT + 1}`, [
    key.projectId,
    key.type,
  ]);
  const ids = rows.slice(0, BULK_LIMIT).map((row) => row.id);
  let cancelled = 0;
  let stopping = 0;
  for (const id of ids) {
    try {
      const run = await service.cancel(id);
      if (by) await recordAudit({ projectId: key.projectId, runId: id, action: "run.cancelled", by, details: { type: run.type, bulk: true } });
      if (run.status === "cancelled") cancelled += 1;
      else if (run.status === "running") stopping += 1;
    } catch (error) {
      // Ended meanwhile (it ran to its end, or someone else cancelled it): nothing to cancel.
      if (error instanceof AppError && error.code === "conflict") continue;
      throw error;
    }
  }
  const leftOver = rows.length > BULK_LIMIT ? (await countPendingRuns(key)) - (cancelled + stopping) : 0;
  return { cancelled, stopping, leftOver: Math.max(0, leftOver) };
}
