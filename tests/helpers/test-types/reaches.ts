// Test job types for "one type, two reaches" (PRODUCT.md "Job semantics" 12): a system type with a
// project trigger, a project type whose cron fans out, a lane type whose cron queues a run per
// project, a cron-only type, and a fan-out that batches across projects. Eligible projects are the
// ones with an Apple app, so each test decides which of its projects a cron reaches.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";
import type { FanOutHandler, JobContext, ProjectJobContext, ProjectOutcome } from "@/lib/jobs/handler";

const noParams = z.object({}).strict();
const base = { description: "A test type with two reaches", ordering: "independent", paramsSchema: noParams } as const;

export const reachTypes = {
  test_reach_system: defineJobType({
    ...base,
    type: "test_reach_system",
    label: "Test Reach System",
    scope: "system",
    projectTrigger: true,
    schedule: { cron: "30 4 * * *", reach: "fan_out", eligible: "apple_app" },
  }),
  test_reach_project: defineJobType({
    ...base,
    type: "test_reach_project",
    label: "Test Reach Project",
    scope: "project",
    schedule: { cron: "45 4 * * *", reach: "fan_out", eligible: "apple_app" },
  }),
  test_reach_lane: defineJobType({
    ...base,
    type: "test_reach_lane",
    label: "Test Reach Lane",
    scope: "project",
    ordering: "lane",
    schedule: { cron: "0 2 * * *", reach: "each_project", eligible: "apple_app" },
  }),
  test_cron_only: defineJobType({
    ...base,
    type: "test_cron_only",
    label: "Test Cron Only",
    scope: "system",
    cronOnly: true,
    schedule: { cron: "15 * * * *", reach: "system" },
  }),
  test_reach_batched: defineJobType({
    ...base,
    type: "test_reach_batched",
    label: "Test Reach Batched",
    scope: "system",
    projectTrigger: true,
    schedule: { cron: "30 5 * * *", reach: "fan_out", eligible: "apple_app" },
  }),
};

/** Every project's work as it happened: which run worked on which project, and when. */
export const reachLog: Array<{ type: string; runId: string; projectId: string; event: "start" | "aborted" | "end"; at: number }> = [];
/** `${type}:${projectId}` entries whose work throws. */
export const failFor = new Set<string>();
/** `${type}:${projectId}` entries whose work waits until the test calls the function. */
export const gates = new Map<string, { opened: Promise<void>; open: () => void }>();
/** The project ids of each batch `test_reach_batched` made: one call covering every claimed project. */
export const batches: string[][] = [];

export function gate(type: string, projectId: string): () => void {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  gates.set(`${type}:${projectId}`, { opened, open });
  return open;
}

function projectWork(type: string) {
  return async (_params: unknown, context: ProjectJobContext) => {
    const key = `${type}:${context.project.id}`;
    const entry = (event: "start" | "aborted" | "end") => reachLog.push({ type, runId: context.runId, projectId: context.project.id, event, at: Date.now() });
    entry("start");
    // Seen, not obeyed: this work finishes whatever happens, so tests can tell "cancelled between projects" apart.
    context.signal.addEventListener("abort", () => entry("aborted"), { once: true });
    context.progress({ processed: 0, total: 1, message: "working" });
    await gates.get(key)?.opened;
    entry("end");
    if (failFor.has(key)) throw new Error(`${type} failed for ${context.project.slug} on purpose`);
    context.progress({ processed: 1, total: 1, message: "done" });
    return { project: context.project.slug };
  };
}

const fanOut = (type: string): FanOutHandler<unknown> => ({ project: projectWork(type) });

export const reachHandlers = {
  test_reach_system: fanOut("test_reach_system"),
  test_reach_project: fanOut("test_reach_project"),
  test_reach_lane: projectWork("test_reach_lane"),
  test_cron_only: async (_params: unknown, context: JobContext) => ({ ranAs: context.runId }),
  test_reach_batched: {
    project: projectWork("test_reach_batched"),
    // One call for every claimed project, as a ratings sync makes one request per storefront.
    async allProjects(_params, context) {
      const { claimed, skipped } = await context.claimProjects();
      batches.push(claimed.map((project) => project.id));
      const outcomes: ProjectOutcome[] = claimed.map((project) =>
        failFor.has(`test_reach_batched:${project.id}`) ? { project, status: "failed", error: "batched failure" } : { project, status: "completed", result: { batch: batches.length } },
      );
      return [...outcomes, ...skipped];
    },
  } satisfies FanOutHandler<unknown>,
};
