// The tests' own catalog: the product's types plus test types, with their handlers, passed to the
// service and to in-process workers (nothing is registered into a global). `triggerJob` takes
// untyped input the way the surfaces do, so tests can name types by string.
import { catalog } from "@/lib/jobs/catalog";
import { defineCatalog } from "@/lib/jobs/define-catalog";
import type { HandlerModules } from "@/lib/jobs/handler";
import { ensureQueues, getSenderBoss } from "@/lib/jobs/queue";
import { createJobService, type UntypedTrigger } from "@/lib/jobs/service";
import { handlers } from "@/worker/handlers";
import { engineHandlers, engineTypes } from "./test-types/engine";
import { reachHandlers, reachTypes } from "./test-types/reaches";

export { failNext, laneLog, releaseBlocking } from "./test-types/engine";

export const testCatalog = defineCatalog({ ...catalog.definitions, ...engineTypes, ...reachTypes });

/** Handlers given as they are, wrapped as the modules a worker loads. */
function modules<H extends Record<string, unknown>>(given: H): { [K in keyof H]: () => Promise<{ default: H[K] }> } {
  return Object.fromEntries(Object.entries(given).map(([type, handler]) => [type, async () => ({ default: handler })])) as never;
}

export const testHandlers: HandlerModules<typeof testCatalog> = { ...handlers, ...modules(engineHandlers), ...modules(reachHandlers) };

export const testJobs = createJobService(testCatalog);

/** Triggers from the surface the request implies: a schedule, the admin CLI (no project) or a project. */
export function triggerJob(request: UntypedTrigger) {
  const surface = request.source.kind === "schedule" ? "schedule" : request.projectId === null ? "system" : "project";
  return testJobs.triggerFrom(surface, request);
}

/** Creates the test catalog's queues, as `npm run db:migrate` does for the product's. */
export async function setUpTestJobTypes(): Promise<void> {
  await ensureQueues(await getSenderBoss(), testCatalog);
}
