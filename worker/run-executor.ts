// Executes one run: pending → running → completed | failed | cancelled (semantics 2, 6, 7).
// The job_runs row is the source of truth; pg-boss only delivers the work.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { getJobType } from "@/lib/jobs/catalog";
import type { JobContext } from "@/lib/jobs/handler";
import { ProgressCoalescer } from "@/lib/jobs/progress";
import { enqueueRunNotifications } from "@/lib/notify/outbox";
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

export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
  // Claim the run; a run cancelled while it was queued is no longer pending and is left alone.
  const [run] = await prisma.jobRun.updateManyAndReturn({
    where: { id: runId, status: "pending" },
    data: { status: "running", startedAt: new Date() },
  });
  if (!run) {
    log("info", "run skipped: no longer pending", { runId });
    return "skipped";
  }
  const definition = getJobType(run.type);
  const handler = definition && resolveHandler(run.type);
  if (!definition || !handler) {
    await finish(runId, { status: "failed", errorMessage: `No handler for job type "${run.type}" in this worker` });
    return "failed";
  }

  const abort = new AbortController();
  let cancelled = false;
  const onShutdown = () => abort.abort(new Error("Worker shut down before the run finished (shutdown grace period ran out)"));
  if (options.shutdownSignal?.aborted) onShutdown();
  options.shutdownSignal?.addEventListener("abort", onShutdown, { once: true });
  const cancelWatch = setInterval(() => {
    void prisma.jobRun
      .findUnique({ where: { id: runId }, select: { cancelRequestedAt: true } })
      .then((row) => {
        if (row?.cancelRequestedAt && !cancelled) {
          cancelled = true;
          abort.abort(new Error("Run cancelled"));
        }
      })
      .catch(() => undefined);
  }, options.cancelPollMs ?? 500);

  const progress = new ProgressCoalescer(
    { processed: 0, total: null, message: null },
    async (state) => {
      await prisma.jobRun.updateMany({
        where: { id: runId, status: "running" },
        data: { progressProcessed: state.processed, progressTotal: state.total, progressMessage: state.message },
      });
    },
    options.progressIntervalMs,
  );

  const context: JobContext = {
    runId,
    projectId: run.projectId,
    progress: (update) => progress.report(update),
    isCancelled: () => cancelled,
    signal: abort.signal,
    log: (message, fields) => log("info", message, { runId, type: run.type, ...fields }),
  };

  log("info", "run started", { runId, type: run.type, projectId: run.projectId ?? "-" });
  let outcome: RunOutcome;
  try {
    const params = definition.paramsSchema.parse(run.params);
    const result = await handler(params, context);
    await progress.flush();
    // A cancel request that arrived after the handler's last check still ends the run cancelled.
    outcome = await finish(runId, { status: "completed", result: toJson(result) });
  } catch (error) {
    await progress.flush();
    const failure = error instanceof Error ? error : new Error(String(error));
    outcome = cancelled
      ? await finish(runId, { status: "cancelled" })
      : await finish(runId, { status: "failed", errorMessage: failure.message || failure.name, errorStack: failure.stack ?? null });
  } finally {
    clearInterval(cancelWatch);
    options.shutdownSignal?.removeEventListener("abort", onShutdown);
  }
  if (outcome === "failed" && definition.ordering === "lane") throw new LaneRunFailed(runId, "see the run's error");
  return outcome;
}

interface Outcome {
  status: "completed" | "failed" | "cancelled";
  result?: Prisma.InputJsonValue | typeof Prisma.JsonNull;
  errorMessage?: string;
  errorStack?: string | null;
}

// Ends the run and queues its notification emails in the same transaction. A completed run whose
// cancel was requested ends `cancelled` (a handler that ignores isCancelled still ends cancelled).
async function finish(runId: string, outcome: Outcome): Promise<RunOutcome> {
  const status = await prisma.$transaction(async (tx) => {
    const current = await tx.jobRun.findUnique({ where: { id: runId }, select: { status: true, cancelRequestedAt: true } });
    if (current?.status !== "running") return null;
    const status = outcome.status === "completed" && current.cancelRequestedAt ? "cancelled" : outcome.status;
    await tx.jobRun.update({
      where: { id: runId },
      data: {
        status,
        finishedAt: new Date(),
        ...(outcome.result !== undefined ? { result: outcome.result } : {}),
        ...(outcome.errorMessage !== undefined ? { errorMessage: outcome.errorMessage.slice(0, 2000) } : {}),
        ...(outcome.errorStack !== undefined ? { errorStack: outcome.errorStack } : {}),
      },
    });
    await enqueueRunNotifications(runId, tx);
    return status;
  });
  if (status === null) {
    // Someone else ended it first (e.g. stale-run recovery); leave their verdict.
    log("warn", "run was no longer running when it finished", { runId });
    return "skipped";
  }
  const fields = { runId, status, ...(outcome.errorMessage ? { error: outcome.errorMessage } : {}) };
  log(status === "failed" ? "warn" : "info", "run finished", fields);
  return status;
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === undefined || value === null) return Prisma.JsonNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export const SHUTDOWN_MESSAGE = "Worker stopped during execution";

// Called after a worker's shutdown: its runs that are still running cannot finish.
export async function failRunsHeldAtShutdown(runIds: string[]): Promise<number> {
  let count = 0;
  for (const runId of runIds) {
    const ended = await prisma.$transaction(async (tx) => {
      const { count: updated } = await tx.jobRun.updateMany({
        where: { id: runId, status: "running" },
        data: { status: "failed", finishedAt: new Date(), errorMessage: SHUTDOWN_MESSAGE },
      });
      if (updated) await enqueueRunNotifications(runId, tx);
      return updated;
    });
    count += ended;
  }
  return count;
}
