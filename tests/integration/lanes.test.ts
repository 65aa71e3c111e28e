// Per-project lanes (semantics 8): FIFO per project, one at a time per project while projects run
// in parallel, a failure pauses only its project's lane, and retry or skip resume it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
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
    const { getPool } = await import("@/lib/db/pool");
    const debug = (await getPool().query(`SELECT job.id, job.state, job.created_on, run.id AS run_id, run.status, run.type FROM pgboss.job AS job LEFT JOIN job_runs AS run ON run.queue_job_id = job.id WHERE job.singleton_key = $1 ORDER BY job.created_on`, [projectId])).rows;
    expect(lane.paused, JSON.stringify({ lane, failing: failing.id, waiting: waiting.id, debug })).toBe(false);
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
