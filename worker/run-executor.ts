// Executes one run: pending → running → completed | failed | cancelled (semantics 2, 6, 7).
// The job_runs row is the source of truth; pg-boss only delivers the work.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { getJobType, type JobType } from "@/lib/jobs/catalog";
import type { JobContext } from "@/lib/jobs/handler";
import { ProgressCoalescer } from "@/lib/jobs/progress";
import { handlers } from "./handlers";
import { log } from "./logger";

export interface ExecuteOptions {
  /** pg-boss's signal for this job: aborts when the worker stops. */
  shutdownSignal?: AbortSignal;
  /** How often the executor looks for a cancel request made by any web process. */
  cancelPollMs?: number;
  progressIntervalMs?: number;
}

export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<void> {
  // Claim the run; a run cancelled while it was queued is no longer pending and is left alone.
  const claimed = await prisma.jobRun.updateManyAndReturn({
    where: { id: runId, status: "pending" },
    data: { status: "running", startedAt: new Date() },
  });
  const run = claimed[0];
  if (!run) {
    log("info", "run skipped: no longer pending", { runId });
    return;
  }
  const definition = getJobType(run.type);
  if (!definition) {
    await finish(runId, { status: "failed", errorMessage: `Unknown job type "${run.type}"` });
    return;
  }

  const abort = new AbortController();
  let cancelled = false;
  const onShutdown = () => abort.abort(new Error("Worker is shutting down"));
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
  }, options.cancelPollMs ?? 1000);

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
  try {
    const params = definition.paramsSchema.parse(run.params);
    const load = handlers[run.type as JobType];
    const { default: handler } = await load();
    const result = await (handler as (params: unknown, context: JobContext) => Promise<unknown>)(params, context);
    await progress.flush();
    if (cancelled) {
      await finish(runId, { status: "cancelled", result: toJson(result) });
    } else {
      await finish(runId, { status: "completed", result: toJson(result) });
    }
  } catch (error) {
    await progress.flush();
    const failure = error instanceof Error ? error : new Error(String(error));
    if (cancelled) {
      await finish(runId, { status: "cancelled" });
    } else {
      await finish(runId, { status: "failed", errorMessage: failure.message || failure.name, errorStack: failure.stack ?? null });
    }
  } finally {
    clearInterval(cancelWatch);
    options.shutdownSignal?.removeEventListener("abort", onShutdown);
  }
}

interface Outcome {
  status: "completed" | "failed" | "cancelled";
  result?: Prisma.InputJsonValue | typeof Prisma.JsonNull;
  errorMessage?: string;
  errorStack?: string | null;
}

async function finish(runId: string, outcome: Outcome): Promise<void> {
  await prisma.jobRun.updateMany({
    where: { id: runId, status: "running" },
    data: {
      status: outcome.status,
      finishedAt: new Date(),
      ...(outcome.result !== undefined ? { result: outcome.result } : {}),
      ...(outcome.errorMessage !== undefined ? { errorMessage: outcome.errorMessage.slice(0, 2000) } : {}),
      ...(outcome.errorStack !== undefined ? { errorStack: outcome.errorStack } : {}),
    },
  });
  const fields = { runId, status: outcome.status, ...(outcome.errorMessage ? { error: outcome.errorMessage } : {}) };
  log(outcome.status === "failed" ? "warn" : "info", "run finished", fields);
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === undefined || value === null) return Prisma.JsonNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export const SHUTDOWN_MESSAGE = "Worker stopped during execution";

// Called after a worker's shutdown grace period: its runs that are still running cannot finish.
export async function failRunsHeldAtShutdown(runIds: string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const { count } = await prisma.jobRun.updateMany({
    where: { id: { in: runIds }, status: "running" },
    data: { status: "failed", finishedAt: new Date(), errorMessage: SHUTDOWN_MESSAGE },
  });
  return count;
}
