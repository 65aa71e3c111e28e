// Executes one run: pending → running → completed | failed | cancelled (semantics 2, 6, 7).
// The job_runs row is the source of truth; pg-boss only delivers the work. Every transition is one
// SQL statement on the pool (plus the outbox rows in the same transaction when the run owes
// emails): this is the hot path that `npm run bench` measures against bare pg-boss.
import { getPool, withTransaction, type Queryable } from "@/lib/db/pool";
import { getJobType } from "@/lib/jobs/catalog";
import type { JobContext } from "@/lib/jobs/handler";
import { ProgressCoalescer } from "@/lib/jobs/progress";
import { enqueueRunNotifications, mayOweEmail } from "@/lib/notify/outbox";
import { resolveHandler } from "./handlers";
import { log } from "./logger";

export interface ExecuteOptions {
  /** Aborts when the worker's shutdown grace period runs out. */
  shutdownSignal?: AbortSignal;
  /** How often the executor looks for a cancel request made through any web process. */
  cancelPollMs?: number;
  progressIntervalMs?: number;
}

export type RunOutcome = "completed" | "failed" | "cancelled" | "skipped";

/** A lane job whose run failed must fail in pg-boss too: that is what pauses the project's lane. */
export class LaneRunFailed extends Error {
  constructor(runId: string, message: string) {
    super(`run ${runId} failed: ${message}`);
    this.name = "LaneRunFailed";
  }
}

interface ClaimedRun {
  type: string;
  project_id: string | null;
  params: unknown;
  notify: boolean;
}

export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
  // Claim the run; a run cancelled while it was queued is no longer pending and is left alone.
  const pool = getPool();
  const { rows } = await pool.query<ClaimedRun>(
    `UPDATE job_runs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'pending'
     RETURNING type, project_id, params, notify`,
    [runId],
  );
  const run = rows[0];
  if (!run) {
    log("info", "run skipped: no longer pending", { runId });
    return "skipped";
  }
  const emails = mayOweEmail(run.type, run.notify);
  const definition = getJobType(run.type);
  const handler = definition && resolveHandler(run.type);
  if (!definition || !handler) {
    await finish(runId, emails, { status: "failed", errorMessage: `No handler for job type "${run.type}" in this worker` });
    return "failed";
  }

  const abort = new AbortController();
  let cancelled = false;
  const onShutdown = () => abort.abort(new Error("Worker shut down before the run finished (shutdown grace period ran out)"));
  if (options.shutdownSignal?.aborted) onShutdown();
  options.shutdownSignal?.addEventListener("abort", onShutdown, { once: true });
  const cancelWatch = setInterval(() => {
    void pool
      .query<{ cancel_requested: boolean }>(`SELECT cancel_requested_at IS NOT NULL AS cancel_requested FROM job_runs WHERE id = $1`, [runId])
      .then(({ rows: [row] }) => {
        if (row?.cancel_requested && !cancelled) {
          cancelled = true;
          abort.abort(new Error("Run cancelled"));
        }
      })
      .catch(() => undefined);
  }, options.cancelPollMs ?? 500);

  const progress = new ProgressCoalescer(
    { processed: 0, total: null, message: null },
    async (state) => {
      await pool.query(
        `UPDATE job_runs SET progress_processed = $2, progress_total = $3, progress_message = $4 WHERE id = $1 AND status = 'running'`,
        [runId, state.processed, state.total, state.message],
      );
    },
    options.progressIntervalMs,
  );

  const context: JobContext = {
    runId,
    projectId: run.project_id,
    progress: (update) => progress.report(update),
    isCancelled: () => cancelled,
    signal: abort.signal,
    log: (message, fields) => log("info", message, { runId, type: run.type, ...fields }),
  };

  log("info", "run started", { runId, type: run.type, projectId: run.project_id ?? "-" });
  let outcome: RunOutcome;
  try {
    const params = definition.paramsSchema.parse(run.params);
    const result = await handler(params, context);
    await progress.flush();
    // A cancel request that arrived after the handler's last check still ends the run cancelled.
    outcome = await finish(runId, emails, { status: "completed", result: result ?? null });
  } catch (error) {
    await progress.flush();
    const failure = error instanceof Error ? error : new Error(String(error));
    outcome = cancelled
      ? await finish(runId, emails, { status: "cancelled" })
      : await finish(runId, emails, { status: "failed", errorMessage: failure.message || failure.name, errorStack: failure.stack ?? null });
  } finally {
    clearInterval(cancelWatch);
    options.shutdownSignal?.removeEventListener("abort", onShutdown);
  }
  if (outcome === "failed" && definition.ordering === "lane") throw new LaneRunFailed(runId, "see the run's error");
  return outcome;
}

interface Outcome {
  status: "completed" | "failed" | "cancelled";
  result?: unknown;
  errorMessage?: string;
  errorStack?: string | null;
}

// Ends the run, and queues its emails in the same transaction when it may owe any. A completed run
// whose cancel was requested ends `cancelled` (a handler that ignores isCancelled still ends cancelled).
async function finish(runId: string, emails: boolean, outcome: Outcome): Promise<RunOutcome> {
  const end = async (db: Queryable) => {
    const { rows } = await db.query<{ status: RunOutcome }>(
      `UPDATE job_runs
          SET status = CASE WHEN $2 = 'completed' AND cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE $2::"RunStatus" END,
              finished_at = now(), result = $3, error_message = $4, error_stack = $5
        WHERE id = $1 AND status = 'running'
        RETURNING status::text AS status`,
      [runId, outcome.status, storable(outcome.result), text(outcome.errorMessage?.slice(0, 2000)), text(outcome.errorStack)],
    );
    if (rows[0] && emails) await enqueueRunNotifications(runId, db);
    return rows[0]?.status ?? null;
  };
  const status = emails ? await withTransaction(end) : await end(getPool());
  if (status === null) {
    // Someone else ended it first (e.g. stale-run recovery); leave their verdict.
    log("warn", "run was no longer running when it finished", { runId });
    return "skipped";
  }
  const fields = { runId, status, ...(outcome.errorMessage ? { error: outcome.errorMessage } : {}) };
  log(status === "failed" ? "warn" : "info", "run finished", fields);
  return status;
}

// PostgreSQL refuses NUL in text and jsonb; a handler's odd error or result must not leave its run
// stuck `running` because the final write failed.
const text = (value: string | null | undefined) => (value == null ? null : value.replaceAll("\u0000", ""));
function storable(result: unknown): string | null {
  if (result === undefined) return null;
  try {
    // In the strings themselves: a backslash-u-0000 that is ordinary text must stay as it is.
    return JSON.stringify(result, (_key, value: unknown) => (typeof value === "string" ? value.replaceAll("\u0000", "") : value));
  } catch (error) {
    // A BigInt or a cycle: keep the run's outcome, and say why its result is missing.
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
}

export const SHUTDOWN_MESSAGE = "Worker stopped during execution";

// Called after a worker's shutdown: its runs that are still running cannot finish.
export async function failRunsHeldAtShutdown(runIds: string[]): Promise<number> {
  let count = 0;
  for (const runId of runIds) {
    count += await withTransaction(async (client) => {
      const { rowCount } = await client.query(
        `UPDATE job_runs SET status = 'failed', finished_at = now(), error_message = $2 WHERE id = $1 AND status = 'running'`,
        [runId, SHUTDOWN_MESSAGE],
      );
      if (rowCount) await enqueueRunNotifications(runId, client);
      return rowCount ?? 0;
    });
  }
  return count;
}
