// Job type → handler. Catalog handlers are imported lazily, so a worker only loads the code it
// runs; integration tests register handlers for the job types they register.
import type { JobType } from "@/lib/jobs/catalog";
import type { JobContext, JobHandler } from "@/lib/jobs/handler";

type AnyHandler = (params: unknown, context: JobContext) => Promise<unknown>;
type HandlerModule<T extends JobType> = { default: JobHandler<T> };

const catalogHandlers: { [T in JobType]: () => Promise<HandlerModule<T>> } = {
  revenuecat_sync: () => import("./revenuecat-sync"),
  job_runs_cleanup: () => import("./job-runs-cleanup"),
  pull_all: () => import("./pull-all"),
  pull_changes: () => import("./pull-changes"),
  push_metadata: () => import("./push-metadata"),
  push_review: () => import("./push-review"),
  push_build: () => import("./push-build"),
};

const registered = new Map<string, AnyHandler>();

export function registerHandler(type: string, handler: AnyHandler): void {
  registered.set(type, handler);
}

export function resolveHandler(type: string): AnyHandler | undefined {
  const extra = registered.get(type);
  if (extra) return extra;
  const load = catalogHandlers[type as JobType];
  if (!load) return undefined;
  return async (params, context) => {
    const { default: handler } = await load();
    return (handler as AnyHandler)(params, context);
  };
}
