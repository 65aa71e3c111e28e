// Executes one run: pending → running → completed | failed | cancelled (semantics 2, 6, 7, 12). The
// job_runs row is the source of truth; pg-boss only delivers the work. Every state change goes
// through lib/jobs/lifecycle/; this file decides which, and calls the type's handler the way its
// definition says (for a project, for no project, or fanned out across projects).
import type { Catalog } from "@/lib/jobs/define-catalog";
import { handlerKind, type JobTypeDefinition } from "@/lib/jobs/definition";
import type { FanOutHandler, HandlerModules, JobContext, ProjectHandler, ProjectRef, SystemHandler } from "@/lib/jobs/handler";
import { cancelRequested, claimRun, finishRun, saveProgress, type Ending } from "@/lib/jobs/lifecycle";
import { ProgressCoalescer } from "@/lib/jobs/progress";
import { mayOweNotification } from "@/lib/notify/run-notifications";
import { FanOutFailed, runFanOut } from "./fan-out";
import { log } from "./logger";

/** What a worker runs: a catalog and a handler module for each of its types. */
export interface Engine<C extends Catalog = Catalog> {
  catalog: C;
  handlers: HandlerModules<C>;
}

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

export async function executeRun(runId: string, engine: Engine, options: ExecuteOptions = {}): Promise<RunOutcome> {
  // A run cancelled while it was queued is no longer pending and is left alone.
  const run = await claimRun(runId);
  if (!run) {
    log("info", "run skipped: no longer pending", { runId });
    return "skipped";
  }
  const labelOf = engine.catalog.label;
  const finish = async (ending: Ending): Promise<RunOutcome> => {
    const status = await finishRun(runId, ending, { mayOweNotification: mayOweNotification(run.project?.id ?? null, run.notify, ending.status), labelOf });
    if (status === null) {
      // Someone else ended it first (e.g. stale-run recovery); leave their verdict.
      log("warn", "run was no longer running when it finished", { runId });
      return "skipped";
    }
    log(status === "failed" ? "warn" : "info", "run finished", { runId, status, ...(ending.errorMessage ? { error: ending.errorMessage } : {}) });
    return status;
  };

  const definition = engine.catalog.get(run.type);
  const loadHandler = definition ? (engine.handlers as Record<string, () => Promise<{ default: unknown }>>)[run.type] : undefined;
  if (!definition || !loadHandler) return finish({ status: "failed", errorMessage: `No handler for job type "${run.type}" in this worker` });

  const abort = new AbortController();
  let cancelled = false;
  const onShutdown = () => abort.abort(new Error("Worker shut down before the run finished (shutdown grace period ran out)"));
  if (options.shutdownSignal?.aborted) onShutdown();
  options.shutdownSignal?.addEventListener("abort", onShutdown, { once: true });
  const cancelWatch = setInterval(() => {
    void cancelRequested(runId)
      .then((requested) => {
        if (requested && !cancelled) {
          cancelled = true;
          abort.abort(new Error("Run cancelled"));
        }
      })
      .catch(() => undefined);
  }, options.cancelPollMs ?? 500);
  const progress = new ProgressCoalescer({ processed: 0, total: null, message: null }, (state) => saveProgress(runId, state), options.progressIntervalMs);

  const context: JobContext = {
    runId,
    progress: (update) => progress.report(update),
    isCancelled: () => cancelled,
    signal: abort.signal,
    log: (message, fields) => log("info", message, { runId, type: run.type, ...fields }),
  };

  log("info", "run started", { runId, type: run.type, projectId: run.project?.id ?? "-" });
  let outcome: RunOutcome;
  try {
    const params = definition.paramsSchema.parse(run.params);
    const { default: handler } = await loadHandler();
    const result = await invoke(definition, handler, params, context, run.project);
    await progress.flush();
    // A cancel request that arrived after the handler's last check still ends the run cancelled.
    outcome = await finish({ status: "completed", result: result ?? null });
  } catch (error) {
    await progress.flush();
    const failure = error instanceof Error ? error : new Error(String(error));
    // A fan-out keeps its per-project outcomes however it ends.
    const result = failure instanceof FanOutFailed ? failure.result : undefined;
    outcome = cancelled
      ? await finish({ status: "cancelled", result })
      : await finish({ status: "failed", errorMessage: failure.message || failure.name, errorStack: failure.stack ?? null, result });
  } finally {
    clearInterval(cancelWatch);
    options.shutdownSignal?.removeEventListener("abort", onShutdown);
  }
  if (outcome === "failed" && definition.ordering === "lane") throw new LaneRunFailed(runId, "see the run's error");
  return outcome;
}

// Calls the handler the way the type's definition says. The project is the run's own; a run that
// belongs to no project of a type that reaches projects is a fan-out.
async function invoke(definition: JobTypeDefinition, handler: unknown, params: unknown, context: JobContext, project: ProjectRef | null): Promise<unknown> {
  switch (handlerKind(definition)) {
    case "project":
      if (!project) throw new Error(`${definition.type} runs for a project, and this run has none`);
      return (handler as ProjectHandler<unknown>)(params, { ...context, project });
    case "system":
      return (handler as SystemHandler<unknown>)(params, context);
    case "fan_out": {
      const fanOut = handler as FanOutHandler<unknown>;
      return project ? fanOut.project(params, { ...context, project }) : runFanOut(definition, fanOut, params, context);
    }
  }
}
