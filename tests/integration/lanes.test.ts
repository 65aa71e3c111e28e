// Per-project lanes (semantics 8): FIFO per project, one at a time per project while projects run
// in parallel, a failure pauses only its project's lane, and retry or skip resume it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { getLane } from "@/lib/jobs/lanes";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { failNext, laneLog, setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

let worker: RunningWorker;
let adminId: string;
let teamId: string;

beforeAll(async () => {
  await setUpTestJobTypes();
  const { team } = await createProject();
  teamId = team.id;
  adminId = (await createUser("admin", team.id)).id;
  worker = await startTestWorker({ concurrency: 4 });
});

afterAll(() => releaseAll(worker));

async function newProject() {
  const project = await prisma.project.create({ data: { teamId, name: "Lane project", slug: `lane-${crypto.randomUUID().slice(0, 8)}` } });
  return project.id;
}
const trigger = (projectId: string, type: string) => triggerJob({ type, projectId, source: { kind: "user", userId: adminId } });
const status = async (id: string) => (await prisma.jobRun.findUniqueOrThrow({ where: { id } })).status;
const waitStatus = (id: string, expected: string) => waitFor(() => status(id), (current) => current === expected);
const events = (projectId: string) => laneLog.filter((entry) => entry.projectId === projectId);

describe("lanes", () => {
  it("run one job at a time per project, in trigger order, while two projects run in parallel", async () => {
    const one = await newProject();
    const two = await newProject();
    const runs = [];
    for (const type of ["test_lane_a", "test_lane_b", "test_lane_c"]) {
      runs.push(await trigger(one, type));
      runs.push(await trigger(two, type));
    }
    for (const run of runs) await waitStatus(run.id, "completed");

    for (const projectId of [one, two]) {
      const log = events(projectId);
      // Strictly alternating start/end, in the order triggered: never two at once in a lane.
      expect(log.map((entry) => `${entry.event}:${entry.type}`)).toEqual([
        "start:test_lane_a", "end:test_lane_a", "start:test_lane_b", "end:test_lane_b", "start:test_lane_c", "end:test_lane_c",
      ]);
    }
    // The two lanes overlapped in time: they did not wait for each other.
    const [oneStart, oneEnd] = [events(one)[0]!.at, events(one).at(-1)!.at];
    const [twoStart, twoEnd] = [events(two)[0]!.at, events(two).at(-1)!.at];
    expect(Math.max(oneStart, twoStart)).toBeLessThan(Math.min(oneEnd, twoEnd));
  });

  it("pause on a failure, leave other projects alone, and resume first with retry", async () => {
    const paused = await newProject();
    const other = await newProject();
    failNext.add(`${paused}:test_lane_a`);
    const failing = await trigger(paused, "test_lane_a");
    const waiting = await trigger(paused, "test_lane_b");
    const alsoWaiting = await trigger(paused, "test_lane_c");
    await waitStatus(failing.id, "failed");

    // Other projects keep going while this lane is paused.
    const unaffected = await trigger(other, "test_lane_a");
    await waitStatus(unaffected.id, "completed");
    expect(await status(waiting.id)).toBe("pending");

    const lane = await getLane(paused);
    expect(lane).toEqual({
      paused: true,
      pausedByRunId: failing.id,
      error: { message: "test_lane_a failed on purpose" },
      queued: [
        { id: waiting.id, type: "test_lane_b", position: 1 },
        { id: alsoWaiting.id, type: "test_lane_c", position: 2 },
      ],
    });

    // Retrying the run that paused the lane puts the work back at the head of the lane.
    const retry = await testJobs.retry(failing.id, { userId: adminId, apiKeyId: null });
    expect(retry.retryOfId).toBe(failing.id);
    for (const run of [retry, waiting, alsoWaiting]) await waitStatus(run.id, "completed");
    const order = events(paused).filter((entry) => entry.event === "start").map((entry) => entry.type);
    expect(order).toEqual(["test_lane_a", "test_lane_a", "test_lane_b", "test_lane_c"]);
    expect((await getLane(paused)).paused).toBe(false);
    expect(await status(failing.id)).toBe("failed");
  });

  it("resume with skip, dropping the failed work", async () => {
    const projectId = await newProject();
    failNext.add(`${projectId}:test_lane_a`);
    const failing = await trigger(projectId, "test_lane_a");
    const waiting = await trigger(projectId, "test_lane_b");
    await waitStatus(failing.id, "failed");
    await waitFor(() => getLane(projectId), (lane) => lane.paused);
    expect(await status(waiting.id)).toBe("pending");

    const lane = await testJobs.skipLane(projectId);
    expect(lane.paused).toBe(false);
    await waitStatus(waiting.id, "completed");
    expect(await status(failing.id)).toBe("failed");
    expect(events(projectId).filter((entry) => entry.event === "start").map((entry) => entry.type)).toEqual(["test_lane_a", "test_lane_b"]);
  });

  it("answer a retry 409 with the waiting run's id when a run of the failed type waits behind it", async () => {
    const projectId = await newProject();
    failNext.add(`${projectId}:test_lane_a`);
    const failing = await trigger(projectId, "test_lane_a");
    await waitStatus(failing.id, "failed");
    await waitFor(() => getLane(projectId), (lane) => lane.paused);
    // The failed run is not active, so the same type can be triggered again; it queues behind it.
    const again = await trigger(projectId, "test_lane_a");
    const error = (await testJobs.retryLane(projectId, { userId: adminId, apiKeyId: null }).catch((caught: unknown) => caught)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code, error.details]).toEqual([409, "job_already_running", { existingRunId: again.id }]);
    // Nothing changed: the lane is still paused by the same run, and skipping it lets the new one run.
    expect(await getLane(projectId)).toMatchObject({ paused: true, pausedByRunId: failing.id, queued: [{ id: again.id, position: 1 }] });
    await testJobs.skipLane(projectId);
    await waitStatus(again.id, "completed");
  });

  it("act once when retries and skips of one failure race each other: no run is left without its job", async () => {
    const projectId = await newProject();
    failNext.add(`${projectId}:test_lane_a`);
    const failing = await trigger(projectId, "test_lane_a");
    const waiting = await trigger(projectId, "test_lane_b");
    await waitStatus(failing.id, "failed");
    await waitFor(() => getLane(projectId), (lane) => lane.paused);

    const by = { userId: adminId, apiKeyId: null };
    const attempts = await Promise.allSettled(Array.from({ length: 16 }, (_, index) => (index % 2 === 0 ? testJobs.retryLane(projectId, by) : testJobs.skipLane(projectId))));
    const succeeded = attempts.filter((attempt) => attempt.status === "fulfilled");
    expect(succeeded).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === "rejected") expect((attempt.reason as AppError).status).toBe(409);

    // Every run still to run has its job in the queue, and the lane drains.
    const orphans = await getPool().query(
      `SELECT run.id FROM job_runs AS run WHERE run.project_id = $1 AND run.status = 'pending' AND NOT EXISTS (SELECT 1 FROM pgboss.job AS job WHERE job.id = run.queue_job_id)`,
      [projectId],
    );
    expect(orphans.rows).toEqual([]);
    await waitStatus(waiting.id, "completed");
    const retries = await prisma.jobRun.findMany({ where: { retryOfId: failing.id } });
    for (const retry of retries) await waitStatus(retry.id, "completed");
  });

  it("answer 409 to retry or skip when the lane is not paused", async () => {
    const projectId = await newProject();
    for (const action of [() => testJobs.retryLane(projectId, { userId: adminId, apiKeyId: null }), () => testJobs.skipLane(projectId)]) {
      const error = (await action().catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(409);
    }
    expect(await getLane(projectId)).toEqual({ paused: false, pausedByRunId: null, error: null, queued: [] });
  });
});
