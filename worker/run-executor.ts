// Executes one run: pending → running → completed | failed | cancelled (semantics 2, 6, 7, 12). The
// job_runs row is the source of truth; pg-boss only delivers the work. Every state change goes
// through lib/jobs/lifecycle/; this file decides which, and calls the type's handler the way its
// definition says (for a project, for no project, or fanned out across projects).
import type { Catalog } from "@/lib/jobs/define-catalog";
import { handlerKind, type JobTypeDefinition } from "@/lib/jobs/definition";
import type { FanOutHandler, HandlerModules, JobContext, ProjectHandler, ProjectRef, SystemHandler } from "@/lib/jobs/handler";
import { fencedRun, isRunFenced, outsideRun, RunFenced, type RunFence } from "@/lib/db/fence";
import { isDatabaseUnavailable, untilAvailable } from "@/lib/db/unavailable";
import { claimRun, finishRun, saveProgress, type Ending } from "@/lib/jobs/lifecycle";
import { ProgressCoalescer } from "@/lib/jobs/progress";
import { insertRunLogs, logLine, RunLogBuffer } from "@/lib/jobs/run-logs";
import { redactText, withRedaction } from "@/lib/secrets/redaction";
import { mayOweNotification } from "@/lib/notify/run-notifications";
import { FanOutFailed, runFanOut } from "./fan-out";
import { log } from "./logger";
import { RunWatch } from "./run-watch";

/** What a worker runs: a catalog and a handler module for each of its types. */
export interface Engine<C extends Catalog = Catalog> {
  catalog: C;
  handlers: HandlerModules<C>;
}

export interface ExecuteOptions {
  /** Aborts when the worker's shutdown grace period runs out. */
  shutdownSignal?: AbortSignal;
  /** The worker's watch over its runs (cancel requests, runs ended elsewhere); one of its own otherwise. */
  watch?: RunWatch;
  /** How often a run's own watch looks, when no worker's watch is given. */
  cancelPollMs?: number;
  /** How long the run's ending waits for an unreachable database before giving up. */
  endingPatienceMs?: number;
  progressIntervalMs?: number;
}

// Long enough for a database restart or failover; a run whose ending cannot be written by then is
// left to the stale-run sweep.
const ENDING_PATIENCE_MS = 120_000;

export type RunOutcome = "completed" | "failed" | "cancelled" | "skipped";

/** A lane job whose run failed must fail in pg-boss too: that is what pauses the project's lane. */
export class LaneRunFailed extends Error {
  constructor(runId: string, message: string) {
    super(`run ${runId} failed: ${message}`);
    this.name = "LaneRunFailed";
  }
}

export function executeRun(runId: string, engine: Engine, options: ExecuteOptions = {}): Promise<RunOutcome> {
  // Whatever secret the run opens is hidden from its log and its error (lib/secrets/redaction.ts).
  return withRedaction(() => execute(runId, engine, options));
}

async function execute(runId: string, engine: Engine, options: ExecuteOptions): Promise<RunOutcome> {
  // A run cancelled while it was queued is no longer pending and is left alone.
  const run = await claimRun(runId);
  if (!run) {
    log("info", "run skipped: no longer pending", { runId });
    return "skipped";
  }
  const labelOf = engine.catalog.label;
  const finish = async (ending: Ending): Promise<RunOutcome> => {
    // Through a database outage the ending waits for the database, so the run keeps what really
    // happened instead of being failed later by the stale-run sweep as a restart.
    const status = await untilAvailable(
      () => finishRun(runId, ending, { mayOweNotification: mayOweNotification(run.project?.id ?? null, run.notify, ending.status), labelOf }),
      { patienceMs: options.endingPatienceMs ?? ENDING_PATIENCE_MS, onWait: (error) => log("warn", "database unreachable; the run's ending waits for it", { runId, error: error.message }) },
    );
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
  // The handler writes only while the run is running here (lib/db/fence.ts).
  const fence: RunFence = { runId, endedElsewhere: null };
  const onShutdown = () => abort.abort(new Error("Worker shut down before the run finished (shutdown grace period ran out)"));
  if (options.shutdownSignal?.aborted) onShutdown();
  options.shutdownSignal?.addEventListener("abort", onShutdown, { once: true });
  const watch = options.watch ?? new RunWatch(options.cancelPollMs);
  const unwatch = watch.watch(runId, {
    onCancelRequested: () => {
      if (cancelled) return;
      cancelled = true;
      abort.abort(new Error("Run cancelled"));
    },
    onEndedElsewhere: (status) => {
      if (fence.endedElsewhere !== null) return;
      fence.endedElsewhere = `it was ${status} elsewhere`;
      log("warn", "run was ended elsewhere while its handler ran; the handler is stopped and its writes refused", { runId, status });
      abort.abort(new RunFenced(runId, fence.endedElsewhere));
    },
  });
  // The run's log: lines gather and are written a few times a second (lib/jobs/run-logs.ts).
  const logs = new RunLogBuffer((lines) => outsideRun(() => insertRunLogs(runId, lines)), { intervalMs: options.progressIntervalMs });
  const logTo = (level: "info" | "warn") => (message: string, fields?: Record<string, unknown>) => {
    if (fence.endedElsewhere !== null) return;
    const line = logLine(level, message, fields);
    logs.add(line);
    log(level, line.message, { runId, type: run.type, ...(line.fields ?? {}) });
  };
  // Progress writes are the engine's own, conditional on the run still running.
  const progress = new ProgressCoalescer({ processed: 0, total: null, message: null }, (state) => outsideRun(() => saveProgress(runId, state)), options.progressIntervalMs);

  const context: JobContext = {
    runId,
    progress: (update) => {
      if (fence.endedElsewhere === null) progress.report(update);
    },
    isCancelled: () => cancelled || fence.endedElsewhere !== null,
    signal: abort.signal,
    log: logTo("info"),
    warn: logTo("warn"),
  };

  log("info", "run started", { runId, type: run.type, projectId: run.project?.id ?? "-" });
  let outcome: RunOutcome;
  try {
    const params = definition.paramsSchema.parse(run.params);
    const { default: handler } = await loadHandler();
    const result = await fencedRun(fence, () => invoke(definition, handler, params, context, run.project));
    unwatch();
    // A handler that stopped early for a cancel returns normally; its run still ends cancelled.
    await Promise.all([progress.flush(), logs.close(cancelled && fence.endedElsewhere === null ? logLine("warn", "Cancelled") : undefined)]);
    // A cancel request that arrived after the handler's last check still ends the run cancelled.
    outcome = await finish({ status: "completed", result: result ?? null });
  } catch (error) {
    unwatch();
    const failure = error instanceof Error ? error : new Error(String(error));
    const message = failureMessage(failure);
    // The log ends with how the run ended, unless it was ended elsewhere (its verdict stands).
    const last = fence.endedElsewhere !== null || isRunFenced(failure) ? undefined : cancelled ? logLine("warn", "Cancelled") : logLine("error", message);
    await Promise.all([progress.flush(), logs.close(last)]);
    // A fan-out keeps its per-project outcomes however it ends.
    const result = failure instanceof FanOutFailed ? failure.result : undefined;
    if (fence.endedElsewhere === null && isRunFenced(failure)) fence.endedElsewhere = "its write was refused";
    outcome = cancelled
      ? await finish({ status: "cancelled", result })
      : await finish({ status: "failed", errorMessage: message, errorStack: failure.stack ? redactText(failure.stack) : null, result });
  } finally {
    unwatch();
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

// What the run's error says: a handler that failed because the database went away says so, rather
// than only the driver's words.
function failureMessage(failure: Error): string {
  const message = redactText(failure.message || failure.name);
  return isDatabaseUnavailable(failure) ? `The database could not be reached during the run: ${message}` : message;
}
