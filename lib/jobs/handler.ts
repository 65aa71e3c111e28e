// What a job handler receives and returns. Handlers live in worker/handlers/, one per file.
import type { JobParams, JobType } from "@/lib/jobs/catalog";
import type { ProgressUpdate } from "@/lib/jobs/progress";

export interface JobContext {
  runId: string;
  /** The run's project; null for system job types. */
  projectId: string | null;
  /** Report progress as often as you like; writes are coalesced (semantics 7). */
  progress(update: ProgressUpdate): void;
  /** True once someone asked to cancel this run; stop early and return (semantics 6). */
  isCancelled(): boolean;
  /** Aborts when the run is cancelled or the worker shuts down; pass it to fetch and timers. */
  signal: AbortSignal;
  log(message: string, fields?: Record<string, unknown>): void;
}

/** A handler returns the run's result (stored as JSON) or throws to fail the run. */
export type JobHandler<T extends JobType> = (params: JobParams<T>, context: JobContext) => Promise<unknown>;
