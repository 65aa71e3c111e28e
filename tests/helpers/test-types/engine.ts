// Test job types for the engine's guarantees (lifecycle, cancellation, progress, lanes, schedules),
// without depending on product handlers. Assembled with the product's types into the test catalog
// (tests/helpers/test-job-types.ts).
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { getPool, withTransaction } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { requireIntegration } from "@/lib/integrations/store";
import { defineJobType, type JobTypeDefinition } from "@/lib/jobs/definition";
import type { JobContext, ProjectJobContext } from "@/lib/jobs/handler";

const noParams = z.object({}).strict();
const projectType = <const T extends string>(type: T, label: string) =>
  ({ type, label, description: `Test type ${type}`, scope: "project", ordering: "independent", paramsSchema: noParams }) as const satisfies JobTypeDefinition;

/** What the lane handlers did, in order, per project. */
export const laneLog: Array<{ projectId: string; type: string; event: "start" | "end"; at: number }> = [];
/** `${projectId}:${type}` entries that make the next run of that type fail once. */
export const failNext = new Set<string>();
/** Resolves the running `test_blocking` handler. */
export const releaseBlocking: Array<() => void> = [];

const laneType = <const T extends string>(type: T) =>
  defineJobType({ type, label: type, description: `Test lane type ${type}`, scope: "project", ordering: "lane", projectInterval: true, paramsSchema: noParams });

export const engineTypes = {
  test_slow: defineJobType(projectType("test_slow", "Test Slow")),
  test_stubborn: defineJobType(projectType("test_stubborn", "Test Stubborn")),
  test_noop: defineJobType(projectType("test_noop", "Test No-op")),
  test_nul_error: defineJobType(projectType("test_nul_error", "Test NUL Error")),
  test_bigint_result: defineJobType(projectType("test_bigint_result", "Test BigInt Result")),
  test_echo: defineJobType({ ...projectType("test_echo", "Test Echo"), paramsSchema: z.object({ text: z.string().max(100) }).strict() }),
  test_fail: defineJobType(projectType("test_fail", "Test Fail")),
  test_chatty: defineJobType(projectType("test_chatty", "Test Chatty")),
  test_blocking: defineJobType({ ...projectType("test_blocking", "Test Blocking"), scope: "system" }),
  test_logger: defineJobType({
    ...projectType("test_logger", "Test Logger"),
    paramsSchema: z.object({ lines: z.number().int().min(0).max(200_000), fail: z.boolean().default(false), leakSecrets: z.boolean().default(false) }).strict(),
  }),
  test_writer: defineJobType({
    ...projectType("test_writer", "Test Writer"),
    paramsSchema: z.object({ rows: z.number().int().min(1).max(10_000), delayMs: z.number().int().min(0).max(1000) }).strict(),
  }),
  // Three lane types, so one project can queue several at once (one active run per type).
  test_lane_a: laneType("test_lane_a"),
  test_lane_b: laneType("test_lane_b"),
  test_lane_c: laneType("test_lane_c"),
};

async function laneStep(type: string, context: ProjectJobContext) {
  const projectId = context.project.id;
  laneLog.push({ projectId, type, event: "start", at: Date.now() });
  await sleep(250);
  laneLog.push({ projectId, type, event: "end", at: Date.now() });
  if (failNext.delete(`${projectId}:${type}`)) throw new Error(`${type} failed on purpose`);
  return { type };
}

export const engineHandlers = {
  // Works in small steps until cancelled, honouring the signal like a well-behaved handler.
  test_slow: async (_params: unknown, context: JobContext) => {
    for (let step = 1; step <= 600; step += 1) {
      if (context.isCancelled()) return { stoppedAt: step };
      context.progress({ processed: step, total: 600, message: `step ${step}` });
      await sleep(50, undefined, { signal: context.signal });
    }
    return { stoppedAt: 600 };
  },
  // Ignores cancellation entirely and returns after a fixed time.
  test_stubborn: async (_params: unknown, context: JobContext) => {
    context.progress({ processed: 1, total: 2, message: "not listening" });
    await sleep(1500);
    return { ignoredCancellation: true };
  },
  // Does nothing: runs whose cost is all bookkeeping.
  test_noop: async () => ({ ok: true }),
  // What PostgreSQL cannot store as is: NUL characters in a message, a result that is not JSON.
  test_nul_error: async (_params: unknown, context: JobContext) => {
    context.progress({ processed: 1, total: 2, message: "half\u0000way" });
    throw new Error("bad\u0000byte");
  },
  test_bigint_result: async () => ({ big: 10n }),
  test_echo: async (params: { text: string }) => params,
  test_fail: async () => {
    throw new Error("boom: the test handler failed");
  },
  // Calls progress() 100,000 times over about a second and a half.
  test_chatty: async (_params: unknown, context: JobContext) => {
    const total = 100_000;
    for (let processed = 1; processed <= total; processed += 1) {
      context.progress({ processed, total, message: `item ${processed}` });
      if (processed % 5000 === 0) await sleep(75);
    }
    return { total };
  },
  // Blocks until the test releases it.
  test_blocking: async () => {
    await new Promise<void>((resolve) => releaseBlocking.push(resolve));
    return { released: true };
  },
  // Logs `lines` lines (in a tight loop, yielding now and then), a warning, and optionally the
  // project's RevenueCat secret every way a careless handler could; then fails if asked to.
  test_logger: async (params: { lines: number; fail: boolean; leakSecrets: boolean }, context: ProjectJobContext) => {
    for (let line = 1; line <= params.lines; line += 1) {
      context.log(`line ${line}`, { line });
      if (line % 5000 === 0) await sleep(1);
    }
    context.warn("almost done", { lines: params.lines });
    if (params.leakSecrets) {
      const { secrets } = await requireIntegration(context.project.id, "revenuecat");
      context.log(`calling RevenueCat with ${secrets.apiKey}`, { apiKey: secrets.apiKey, header: `Bearer ${secrets.apiKey}`, nested: { note: `key=${secrets.apiKey}` } });
      throw new Error(`RevenueCat refused key ${secrets.apiKey}`);
    }
    if (params.fail) throw new Error("the logger failed on purpose");
    return { lines: params.lines };
  },
  // Writes domain rows named after its run, each of the three ways handlers write (Prisma, a lone
  // statement, a transaction), and ignores its signal: a handler that does not listen still cannot
  // write once its run was ended elsewhere (lib/db/fence.ts).
  test_writer: async (params: { rows: number; delayMs: number }, context: ProjectJobContext) => {
    const projectId = context.project.id;
    for (let row = 1; row <= params.rows; row += 1) {
      const appUserId = `${context.runId}:${row}`;
      const insert = `INSERT INTO app_users (id, project_id, app_user_id, subscription_status, has_access, synced_at) VALUES (gen_random_uuid(), $1, $2, 'none', false, now())`;
      if (row % 3 === 1) await prisma.appUser.create({ data: { projectId, appUserId, subscriptionStatus: "none", hasAccess: false, syncedAt: new Date() } });
      else if (row % 3 === 2) await getPool().query(insert, [projectId, appUserId]);
      else await withTransaction((client) => client.query(insert, [projectId, appUserId]));
      context.progress({ processed: row, total: params.rows, message: `row ${row}` });
      if (params.delayMs > 0) await sleep(params.delayMs);
    }
    return { rows: params.rows };
  },
  test_lane_a: (_params: unknown, context: ProjectJobContext) => laneStep("test_lane_a", context),
  test_lane_b: (_params: unknown, context: ProjectJobContext) => laneStep("test_lane_b", context),
  test_lane_c: (_params: unknown, context: ProjectJobContext) => laneStep("test_lane_c", context),
};
