// What a worker learns about its runs from outside (worker/run-watch.ts, issue 18): one statement
// per tick for all of its running runs, not a SELECT per run, and a cancel is still seen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const RUNS = 12;
let worker: RunningWorker | undefined;
let projectIds: string[] = [];
let userId: string;

beforeAll(async () => {
  await setUpTestJobTypes();
  const first = await createProject();
  userId = (await createUser("admin", first.team.id)).id;
  // test_slow allows one active run per project: one project per run.
  const more = await Promise.all(
    Array.from({ length: RUNS - 1 }, (_, index) => prisma.project.create({ data: { teamId: first.team.id, name: `Watch ${index}`, slug: `watch-${index}-${crypto.randomUUID().slice(0, 6)}` } })),
  );
  projectIds = [first.project.id, ...more.map((project) => project.id)];
});

afterAll(() => releaseAll(worker));

describe("the worker's watch over its runs", () => {
  it("asks about all of its running runs in one statement per tick, and still sees a cancel", async () => {
    worker = await startTestWorker({ concurrency: RUNS });
    const runs = await Promise.all(projectIds.map((projectId) => triggerJob({ type: "test_slow", projectId, source: { kind: "user", userId } })));
    const ids = runs.map((run) => run.id);
    await waitFor(() => prisma.jobRun.count({ where: { id: { in: ids }, status: "running" } }), (count) => count === RUNS);

    // Every statement the process sends about these runs from now on.
    const pool = getPool();
    const query = pool.query.bind(pool);
    const seen: Array<{ text: string; values: unknown[] }> = [];
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      const [config, values] = args as unknown as [unknown, unknown];
      const text = typeof config === "string" ? config : ((config as { text?: string }).text ?? "");
      if (/cancel_requested_at/.test(text) && !/^\s*(UPDATE|WITH)/i.test(text)) seen.push({ text, values: Array.isArray(values) ? values : [] });
      return (query as (...a: unknown[]) => unknown)(...args);
    }) as typeof pool.query;
    try {
      await waitFor(async () => seen.length, (count) => count >= 4, 10_000, 25);
      // Each look covers every running run at once: never one statement per run.
      for (const statement of seen.slice(0, 4)) {
        expect(statement.text).toMatch(/id = ANY\(\$1::uuid\[\]\)/);
        expect([...(statement.values[0] as string[])].sort()).toEqual([...ids].sort());
      }
    } finally {
      pool.query = query;
    }

    await testJobs.cancel(ids[0]!);
    const cancelled = await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: ids[0]! } }), (run) => run.status === "cancelled", 5_000);
    expect(cancelled.status).toBe("cancelled");
    await Promise.all(ids.slice(1).map((id) => testJobs.cancel(id)));
    await waitFor(() => prisma.jobRun.count({ where: { id: { in: ids }, status: "running" } }), (count) => count === 0);
  });
});
