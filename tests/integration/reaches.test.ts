// One type, two reaches (PRODUCT.md "Job semantics" 12), proven with test types
// (tests/helpers/test-types/reaches.ts) whose crons reach the projects that have an Apple app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { projectJobTypes } from "@/lib/jobs/job-types";
import { getSenderBoss } from "@/lib/jobs/queue";
import { listRuns } from "@/lib/jobs/runs";
import { OCCURRENCE_QUEUE, setProjectSchedule } from "@/lib/jobs/schedules";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, testCatalog, testJobs, triggerJob } from "../helpers/test-job-types";
import { batches, failFor, gate, reachLog } from "../helpers/test-types/reaches";
import { startTestWorker } from "../helpers/worker";

let worker: RunningWorker;
let teamId: string;
let adminId: string;

beforeAll(async () => {
  await setUpTestJobTypes();
  const created = await createProject();
  teamId = created.team.id;
  adminId = (await createUser("admin", teamId)).id;
  worker = await startTestWorker({ concurrency: 3 });
});

afterAll(() => releaseAll(worker));

// Each test starts with no eligible project: earlier tests' Apple apps go first.
const noEligibleProjects = () => prisma.app.deleteMany({ where: { platform: "apple" } });

async function projects(count: number, options: { appleApp: boolean } = { appleApp: true }) {
  const made = [];
  for (let index = 0; index < count; index += 1) {
    const slug = `reach-${crypto.randomUUID().slice(0, 8)}`;
    const project = await prisma.project.create({ data: { teamId, name: `Reach ${index + 1}`, slug } });
    if (options.appleApp) await prisma.app.create({ data: { projectId: project.id, name: `${slug} iOS`, platform: "apple", bundleId: `com.example.${slug.replace("-", "")}` } });
    made.push(project);
  }
  return made;
}

const fire = async (type: string) => (await getSenderBoss()).send(OCCURRENCE_QUEUE, { type, projectId: null });
const systemRun = (type: string) => prisma.jobRun.findFirst({ where: { type, projectId: null }, orderBy: { createdAt: "desc" } });
const ended = (status: string) => !["pending", "running"].includes(status);
const read = (id: string) => prisma.jobRun.findUniqueOrThrow({ where: { id } });
const worked = (runId: string) => reachLog.filter((entry) => entry.runId === runId && entry.event === "start").map((entry) => entry.projectId);
const outcomesOf = (result: unknown) => (result as { outcomes: Array<{ projectId: string; status: string; error?: string; reason?: string }> }).outcomes;
const user = () => ({ kind: "user" as const, userId: adminId });

describe("a system type with a project trigger", () => {
  it("fans out invisibly on its cron, and runs as an ordinary project run when triggered for one project", async () => {
    await noEligibleProjects();
    const [one, two] = await projects(2);
    const [plain] = await projects(1, { appleApp: false });

    await fire("test_reach_system");
    const fanOut = await waitFor(() => systemRun("test_reach_system"), (run) => run !== null && ended(run.status));
    expect(fanOut).toMatchObject({ status: "completed", projectId: null, triggerKind: "schedule" });
    expect(worked(fanOut!.id).sort()).toEqual([one!.id, two!.id].sort());
    expect(outcomesOf(fanOut!.result).map((outcome) => [outcome.projectId, outcome.status])).toEqual([
      [one!.id, "completed"],
      [two!.id, "completed"],
    ]);
    expect(worked(fanOut!.id)).not.toContain(plain!.id);
    // Invisible: no project's runs list it.
    expect((await listRuns({ projectId: one!.id, limit: 100 })).runs.map((run) => run.id)).not.toContain(fanOut!.id);

    const projectRun = await triggerJob({ type: "test_reach_system", projectId: plain!.id, source: user() });
    const done = await waitFor(() => read(projectRun.id), (run) => ended(run.status));
    expect(done).toMatchObject({ status: "completed", projectId: plain!.id, result: { project: plain!.slug } });
    expect(worked(projectRun.id)).toEqual([plain!.id]);
    expect((await listRuns({ projectId: plain!.id, limit: 100 })).runs.map((run) => run.id)).toContain(projectRun.id);
  });
});

describe("a project type whose cron fans out", () => {
  it("fires one run with no project across the eligible projects", async () => {
    await noEligibleProjects();
    const [one, two] = await projects(2);
    await fire("test_reach_project");
    const fanOut = await waitFor(() => systemRun("test_reach_project"), (run) => run !== null && ended(run.status));
    expect(fanOut).toMatchObject({ status: "completed", projectId: null });
    expect(worked(fanOut!.id)).toEqual([one!.id, two!.id]);
    expect((fanOut!.result as { projects: unknown }).projects).toEqual({ eligible: 2, completed: 2, failed: 0, skipped: 0, cancelled: 0 });
  });
});

describe("a lane type whose cron reaches each project", () => {
  it("queues one visible scheduled run per eligible project, and skips (recording it) a project whose run is active", async () => {
    await noEligibleProjects();
    const [busy, free] = await projects(2);
    const open = gate("test_reach_lane", busy!.id);
    const manual = await triggerJob({ type: "test_reach_lane", projectId: busy!.id, source: user() });
    await waitFor(() => read(manual.id), (run) => run.status === "running");

    await fire("test_reach_lane");
    const scheduled = await waitFor(
      () => prisma.jobRun.findFirst({ where: { type: "test_reach_lane", projectId: free!.id } }),
      (run) => run !== null && run.status === "completed",
    );
    expect(scheduled?.triggerKind).toBe("schedule");
    const skip = await waitFor(() => prisma.scheduleSkip.findFirst({ where: { type: "test_reach_lane", projectId: busy!.id } }), (row) => row !== null);
    expect(skip?.existingRunId).toBe(manual.id);
    expect(await prisma.jobRun.count({ where: { type: "test_reach_lane", projectId: busy!.id } })).toBe(1);
    expect(await prisma.jobRun.count({ where: { type: "test_reach_lane", projectId: null } })).toBe(0);
    open();
    await waitFor(() => read(manual.id), (run) => run.status === "completed");
  });
});

describe("a cron-only type", () => {
  it("is refused by every surface with a clear message, writing nothing, and runs on its cron", async () => {
    await noEligibleProjects();
    const [project] = await projects(1);
    for (const attempt of [
      () => triggerJob({ type: "test_cron_only", projectId: null, source: { kind: "admin_cli" } }),
      () => testJobs.triggerFrom("project", { type: "test_cron_only", projectId: project!.id, source: user() }),
    ]) {
      const error = (await attempt().catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(400);
      expect(error.message).toBe("Test Cron Only (test_cron_only) runs only on its schedule (At 15 minutes past the hour (UTC)); it cannot be triggered");
    }
    expect(await prisma.jobRun.count({ where: { type: "test_cron_only" } })).toBe(0);

    await fire("test_cron_only");
    const run = await waitFor(() => systemRun("test_cron_only"), (current) => current !== null && ended(current.status));
    expect(run).toMatchObject({ status: "completed", triggerKind: "schedule" });
  });
});

describe("a fan-out run", () => {
  it("reports progress across projects and stops between projects when cancelled, saying which it did not reach", async () => {
    await noEligibleProjects();
    const [first, second, third] = await projects(3);
    const open = gate("test_reach_project", first!.id);
    const run = await triggerJob({ type: "test_reach_project", projectId: null, source: { kind: "admin_cli" } });
    const working = await waitFor(() => read(run.id), (current) => current.progressMessage === `${first!.name} (1 of 3): working`);
    expect([working.progressProcessed, working.progressTotal]).toEqual([0, 3]);

    await testJobs.cancel(run.id);
    // Once the worker has seen the cancel (the project's work sees its signal abort), the first
    // project's work may finish; the fan-out must not go on to the next project.
    await waitFor(async () => reachLog.some((entry) => entry.runId === run.id && entry.event === "aborted"), (seen) => seen);
    open();
    const done = await waitFor(() => read(run.id), (current) => ended(current.status));
    expect(done.status).toBe("cancelled");
    expect(worked(run.id)).toEqual([first!.id]);
    // The first project's work ended after the cancel, so like a run it counts as cancelled (with
    // what it returned); the others were never started.
    expect(outcomesOf(done.result)).toEqual([
      { projectId: first!.id, project: first!.slug, status: "cancelled", result: { project: first!.slug } },
      { projectId: second!.id, project: second!.slug, status: "cancelled", reason: "The run was cancelled before this project" },
      { projectId: third!.id, project: third!.slug, status: "cancelled", reason: "The run was cancelled before this project" },
    ]);
  });

  it("records each project's outcome, goes on after a failure, and fails only when every project failed", async () => {
    await noEligibleProjects();
    const [one, two, three] = await projects(3);
    failFor.add(`test_reach_project:${two!.id}`);
    const mixed = await triggerJob({ type: "test_reach_project", projectId: null, source: { kind: "admin_cli" } });
    const mixedDone = await waitFor(() => read(mixed.id), (run) => ended(run.status));
    expect(mixedDone.status).toBe("completed");
    expect(outcomesOf(mixedDone.result)).toEqual([
      { projectId: one!.id, project: one!.slug, status: "completed", result: { project: one!.slug } },
      { projectId: two!.id, project: two!.slug, status: "failed", error: `test_reach_project failed for ${two!.slug} on purpose` },
      { projectId: three!.id, project: three!.slug, status: "completed", result: { project: three!.slug } },
    ]);
    expect([mixedDone.progressProcessed, mixedDone.progressTotal, mixedDone.progressMessage]).toEqual([3, 3, "2 of 3 projects done, 1 failed, 0 skipped"]);

    failFor.add(`test_reach_project:${one!.id}`);
    failFor.add(`test_reach_project:${three!.id}`);
    const allFail = await triggerJob({ type: "test_reach_project", projectId: null, source: { kind: "admin_cli" } });
    const allFailed = await waitFor(() => read(allFail.id), (run) => ended(run.status));
    expect(allFailed.status).toBe("failed");
    expect(allFailed.errorMessage).toBe(`Test Reach Project failed for every project it worked on (3); first: ${one!.slug}: test_reach_project failed for ${one!.slug} on purpose`);
    expect(outcomesOf(allFailed.result).map((outcome) => outcome.status)).toEqual(["failed", "failed", "failed"]);
    for (const project of [one, two, three]) failFor.delete(`test_reach_project:${project!.id}`);
  });

  it("counts a project that went away mid-run as that project's failure and goes on", async () => {
    await noEligibleProjects();
    const [first, gone, last] = await projects(3);
    const open = gate("test_reach_project", first!.id);
    const run = await triggerJob({ type: "test_reach_project", projectId: null, source: { kind: "admin_cli" } });
    await waitFor(() => read(run.id), (current) => current.progressMessage === `${first!.name} (1 of 3): working`);
    // Deleted after the fan-out read its projects: claiming it fails on its foreign key.
    await prisma.project.delete({ where: { id: gone!.id } });
    open();
    const done = await waitFor(() => read(run.id), (current) => ended(current.status));
    expect(done.status).toBe("completed");
    expect(outcomesOf(done.result).map((outcome) => [outcome.projectId, outcome.status])).toEqual([
      [first!.id, "completed"],
      [gone!.id, "failed"],
      [last!.id, "completed"],
    ]);
  });

  it("never works on a project while a run of its type is active there, in either order", async () => {
    await noEligibleProjects();
    const [busy, free] = await projects(2);
    // A project run first: the fan-out skips that project and says so.
    const openBusy = gate("test_reach_system", busy!.id);
    const manual = await triggerJob({ type: "test_reach_system", projectId: busy!.id, source: user() });
    await waitFor(() => read(manual.id), (run) => run.status === "running");
    const openFree = gate("test_reach_system", free!.id);
    const fanOut = await triggerJob({ type: "test_reach_system", projectId: null, source: { kind: "admin_cli" } });

    // The fan-out first: while it holds a project, a project run there is refused (409) without
    // naming the invisible fan-out run.
    await waitFor(() => read(fanOut.id), (run) => run.progressMessage?.startsWith(`${free!.name} (2 of 2)`) === true);
    const refused = (await triggerJob({ type: "test_reach_system", projectId: free!.id, source: user() }).catch((caught: unknown) => caught)) as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect([refused.status, refused.code, refused.details]).toEqual([409, "job_already_running", { existingRunId: null }]);
    expect(await prisma.jobRun.count({ where: { type: "test_reach_system", projectId: free!.id } })).toBe(0);

    openFree();
    const done = await waitFor(() => read(fanOut.id), (run) => ended(run.status));
    expect(outcomesOf(done.result)).toEqual([
      { projectId: busy!.id, project: busy!.slug, status: "skipped", reason: `A test_reach_system run for this project was already active (run ${manual.id})` },
      { projectId: free!.id, project: free!.slug, status: "completed", result: { project: free!.slug } },
    ]);
    expect(worked(fanOut.id)).toEqual([free!.id]);
    // Released with the run's end: the project can have its own run now.
    const after = await triggerJob({ type: "test_reach_system", projectId: free!.id, source: user() });
    expect(after.status).toBe("pending");
    openBusy();
    await waitFor(() => Promise.all([read(manual.id), read(after.id)]), (runs) => runs.every((run) => run.status === "completed"));
  });

  it("can batch across projects: one call for every claimed project, busy ones skipped", async () => {
    await noEligibleProjects();
    const [busy, one, two] = await projects(3);
    const open = gate("test_reach_batched", busy!.id);
    const manual = await triggerJob({ type: "test_reach_batched", projectId: busy!.id, source: user() });
    await waitFor(() => read(manual.id), (run) => run.status === "running");
    failFor.add(`test_reach_batched:${two!.id}`);

    const run = await triggerJob({ type: "test_reach_batched", projectId: null, source: { kind: "admin_cli" } });
    const done = await waitFor(() => read(run.id), (current) => ended(current.status));
    expect(done.status).toBe("completed");
    expect(batches.at(-1)?.sort()).toEqual([one!.id, two!.id].sort());
    expect(outcomesOf(done.result).map((outcome) => [outcome.projectId, outcome.status]).sort()).toEqual(
      [
        [busy!.id, "skipped"],
        [one!.id, "completed"],
        [two!.id, "failed"],
      ].sort(),
    );
    open();
    await waitFor(() => read(manual.id), (current) => current.status === "completed");
  });
});

describe("a project's job types", () => {
  it("show each type's effective schedule for that project: its interval, or a cron that reaches it", async () => {
    await noEligibleProjects();
    const [eligible] = await projects(1);
    const [other] = await projects(1, { appleApp: false });
    await setProjectSchedule(worker.boss, testCatalog, other!.id, "test_lane_a", 15);
    const schedules = async (projectId: string) =>
      Object.fromEntries((await projectJobTypes(projectId, testCatalog)).map(({ api }) => [api.type, api.schedule]));

    const forEligible = await schedules(eligible!.id);
    const forOther = await schedules(other!.id);
    expect([forEligible.test_reach_system, forEligible.test_reach_project, forEligible.test_reach_lane]).toEqual(["30 4 * * *", "45 4 * * *", "0 2 * * *"]);
    expect([forOther.test_reach_system, forOther.test_reach_project, forOther.test_reach_lane]).toEqual([null, null, null]);
    expect([forEligible.test_lane_a, forOther.test_lane_a]).toEqual([null, "*/15 * * * *"]);
    // System types without a project trigger are not a project's job types at all.
    for (const hidden of ["test_cron_only", "test_blocking", "job_runs_cleanup"]) expect(hidden in forEligible).toBe(false);
  });
});

describe("a worker that stops during a fan-out", () => {
  it("fails the run with its reason and names the projects it did not reach", async () => {
    await noEligibleProjects();
    const [first, second, third] = await projects(3);
    // This worker alone takes the run, and gives its handlers a short grace when stopped.
    await worker.stop();
    const stopping = await startTestWorker({ shutdownGraceMs: 200 });
    const open = gate("test_reach_project", first!.id);
    const run = await triggerJob({ type: "test_reach_project", projectId: null, source: { kind: "admin_cli" } });
    await waitFor(() => read(run.id), (current) => current.progressMessage === `${first!.name} (1 of 3): working`);
    const stopped = stopping.stop();
    await waitFor(async () => reachLog.some((entry) => entry.runId === run.id && entry.event === "aborted"), (seen) => seen);
    open();
    await stopped;
    const done = await read(run.id);
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe("Worker shut down before the run finished (shutdown grace period ran out)");
    expect(outcomesOf(done.result).map((outcome) => [outcome.projectId, outcome.status, outcome.reason])).toEqual([
      [first!.id, "completed", undefined],
      [second!.id, "cancelled", "The worker stopped before this project"],
      [third!.id, "cancelled", "The worker stopped before this project"],
    ]);
    worker = await startTestWorker({ concurrency: 3 });
  });
});
