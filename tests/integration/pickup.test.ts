// Low latency (issue 3, point 9): workers LISTEN and notify-enabled queues NOTIFY on insert, so a
// triggered run starts without waiting for a poll. Proven by behaviour, not by timing: this
// worker polls only every 30 s, and each run is triggered while the worker sleeps after a fetch
// that found nothing, so only a notification can wake it before the 10-second wait runs out.
// A backlog drains the same way: a fetch loop that finishes a run fetches again at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import type { WipData } from "pg-boss";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

let worker: RunningWorker | undefined;

beforeAll(async () => {
  await setUpTestJobTypes();
  worker = await startTestWorker({ pollingIntervalSeconds: 30 });
});

afterAll(() => releaseAll(worker));

// Resolves once every fetch loop of the queue (one per unit of concurrency) holds no job and its
// last fetch found nothing: each is now in its 30-second poll delay, which only a NOTIFY cuts short.
// pg-boss stamps an empty fetch's "job" as ending when it starts; a test_stubborn run takes 1.5 s.
async function idleAfterEmptyFetch(queue: string): Promise<void> {
  const foundNothing = (wip: WipData) => wip.lastFetchedOn !== null && (wip.lastJobEndedOn ?? 0) - wip.lastFetchedOn < 100;
  await waitFor(
    async () => worker!.boss.getWipData().filter((wip) => wip.name === queue),
    (loops) => loops.length > 0 && loops.every((wip) => wip.count === 0 && foundNothing(wip)),
    10_000,
    10,
  );
}

describe("pickup", () => {
  it("wakes an idle worker through LISTEN/NOTIFY instead of its 30-second poll", async () => {
    const { rows } = await getPool().query<{ notify: boolean }>(`SELECT notify FROM pgboss.queue WHERE name = 'test_stubborn'`);
    expect(rows[0]?.notify).toBe(true);
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await idleAfterEmptyFetch("test_stubborn");
      const run = await triggerJob({ type: "test_stubborn", projectId: project.id, source: { kind: "user", userId: admin.id } });
      await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (current) => current.status !== "pending", 10_000, 20);
      await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (current) => current.status === "completed", 10_000);
    }
  });

  it("drains a backlog without waiting out the poll interval between runs", async () => {
    // Queue the backlog while no worker runs, so no NOTIFY can help: a new worker's first fetch
    // takes two runs (its concurrency), and every later run is found only by fetching again.
    await worker!.stop();
    worker = undefined;
    const { team } = await createProject();
    const admin = await createUser("admin", team.id);
    const runIds: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const project = await prisma.project.create({ data: { teamId: team.id, name: `Backlog ${index}`, slug: `backlog-${team.id.slice(0, 8)}-${index}` } });
      runIds.push((await triggerJob({ type: "test_noop", projectId: project.id, source: { kind: "user", userId: admin.id } })).id);
    }
    worker = await startTestWorker({ pollingIntervalSeconds: 30, concurrency: 2 });
    // Without fetching again after each job, this would take nine 30-second waits.
    const count = () => prisma.jobRun.count({ where: { id: { in: runIds }, status: "completed" } });
    expect(await waitFor(count, (completed) => completed === runIds.length, 15_000)).toBe(runIds.length);
  });
});
