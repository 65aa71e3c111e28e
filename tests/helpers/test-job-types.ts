// Job types that exist only in the tests, registered into the catalog and the worker's handlers,
// to prove the engine's guarantees without depending on product handlers.
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { registerJobType, type JobTypeDefinition } from "@/lib/jobs/catalog";
import { registerHandler } from "@/worker/handlers";

const noParams = z.object({}).strict();
const base = { scope: "project", ordering: "independent", schedule: null, paramsSchema: noParams } as const;

function define(definition: Partial<JobTypeDefinition> & { type: string }, handler: Parameters<typeof registerHandler>[1]) {
  registerJobType({ ...base, label: definition.type, description: `Test type ${definition.type}`, ...definition } as JobTypeDefinition);
  registerHandler(definition.type, handler);
}

/** What the lane handlers did, in order, per project. */
export const laneLog: Array<{ projectId: string; type: string; event: "start" | "end"; at: number }> = [];
/** `${projectId}:${type}` entries that make the next run of that type fail once. */
export const failNext = new Set<string>();
/** Resolves the running `test_blocking` handler. */
export const releaseBlocking: Array<() => void> = [];

let registered = false;

export function registerTestJobTypes(): void {
  if (registered) return;
  registered = true;

  // Works in small steps until cancelled, honouring the signal like a well-behaved handler.
  define({ type: "test_slow", label: "Test Slow" }, async (_params, context) => {
    for (let step = 1; step <= 600; step += 1) {
      if (context.isCancelled()) return { stoppedAt: step };
      context.progress({ processed: step, total: 600, message: `step ${step}` });
      await sleep(50, undefined, { signal: context.signal });
    }
    return { stoppedAt: 600 };
  });

  // Ignores cancellation entirely and returns after a fixed time.
  define({ type: "test_stubborn", label: "Test Stubborn" }, async (_params, context) => {
    context.progress({ processed: 1, total: 2, message: "not listening" });
    await sleep(1500);
    return { ignoredCancellation: true };
  });

  // Does nothing: runs whose cost is all bookkeeping.
  define({ type: "test_noop", label: "Test No-op" }, async () => ({ ok: true }));

  // What PostgreSQL cannot store as is: NUL characters in a message, a result that is not JSON.
  define({ type: "test_nul_error", label: "Test NUL Error" }, async (_params, context) => {
    context.progress({ processed: 1, total: 2, message: "half\u0000way" });
    throw new Error("bad\u0000byte");
  });
  define({ type: "test_bigint_result", label: "Test BigInt Result" }, async () => ({ big: 10n }));
  define({ type: "test_echo", label: "Test Echo", paramsSchema: z.object({ text: z.string().max(100) }).strict() }, async (params) => params);

  define({ type: "test_fail", label: "Test Fail" }, async () => {
    throw new Error("boom: the test handler failed");
  });

  // Calls progress() 100,000 times over about a second and a half.
  define({ type: "test_chatty", label: "Test Chatty" }, async (_params, context) => {
    const total = 100_000;
    for (let processed = 1; processed <= total; processed += 1) {
      context.progress({ processed, total, message: `item ${processed}` });
      if (processed % 5000 === 0) await sleep(75);
    }
    return { total };
  });

  // Blocks until the test releases it.
  define({ type: "test_blocking", label: "Test Blocking", scope: "system" }, async () => {
    await new Promise<void>((resolve) => releaseBlocking.push(resolve));
    return { released: true };
  });

  // Lane steps: three types so one project can queue several at once (one active run per type).
  for (const type of ["test_lane_a", "test_lane_b", "test_lane_c"]) {
    define({ type, label: type, ordering: "lane", projectSchedule: true }, async (_params, context) => {
      const projectId = context.projectId!;
      laneLog.push({ projectId, type, event: "start", at: Date.now() });
      await sleep(250);
      laneLog.push({ projectId, type, event: "end", at: Date.now() });
      if (failNext.delete(`${projectId}:${type}`)) throw new Error(`${type} failed on purpose`);
      return { type };
    });
  }
}

/** Registers the test types and creates their queues, as `npm run db:migrate` does for the catalog. */
export async function setUpTestJobTypes(): Promise<void> {
  registerTestJobTypes();
  const { ensureQueues, getSenderBoss } = await import("@/lib/jobs/queue");
  await ensureQueues(await getSenderBoss());
}
