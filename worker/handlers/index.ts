// Job type → handler, imported lazily so a worker only loads the code it runs.
import type { JobType } from "@/lib/jobs/catalog";
import type { JobHandler } from "@/lib/jobs/handler";

type HandlerModule<T extends JobType> = { default: JobHandler<T> };

export const handlers: { [T in JobType]: () => Promise<HandlerModule<T>> } = {
  revenuecat_sync: () => import("./revenuecat-sync"),
};
