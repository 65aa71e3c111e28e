// Schedules (semantics 9): system cron schedules registered idempotently by every worker, in UTC;
// occurrences become runs, or recorded skips while a run is active; per-project intervals; and the
// platform's own job_runs_cleanup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool, getPool } from "@/lib/db/pool";
import { getSenderBoss, stopSenderBoss } from "@/lib/jobs/queue";
import { OCCURRENCE_QUEUE, setProjectSchedule, type Occurrence } from "@/lib/jobs/schedules";
import type { RunningWorker } from "@/worker/worker";
import { createProject, waitFor } from "../helpers/fixtures";
import { releaseBlocking, setUpTestJobTypes, testCatalog } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const workers: RunningWorker[] = [];

beforeAll(async () => {
  await setUpTestJobTypes();
  // Several workers start at once, each registering the schedules.
  workers.push(...(await Promise.all([startTestWorker(), startTestWorker(), startTestWorker()])));
});

afterAll(async () => {
  for (const resolve of releaseBlocking.splice(0)) resolve();
  for (const worker of workers) await worker.stop();
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
});

const fire = async (occurrence: Occurrence) => (await getSenderBoss()).send(OCCURRENCE_QUEUE, occurrence);
const latestRun = (type: string, projectId: string | null = null) =>
  prisma.jobRun.findFirst({ where: { type, projectId }, orderBy: { createdAt: "desc" } });

describe("system schedules", () => {
  it("are registered once per system type, in UTC, however many workers start", async () => {
    const schedules = await workers[0]!.boss.getSchedules(OCCURRENCE_QUEUE);
    const cleanup = schedules.filter((schedule) => schedule.key === "job_runs_cleanup");
    expect(cleanup).toHaveLength(1);
    expect(cleanup[0]).toMatchObject({ cron: "15 3 * * *", timezone: "UTC", data: { type: "job_runs_cleanup", projectId: null } });
    // Starting another worker changes nothing.
    workers.push(await startTestWorker());
    expect((await workers[0]!.boss.getSchedules(OCCURRENCE_QUEUE)).filter((schedule) => schedule.key === "job_runs_cleanup")).toHaveLength(1);
  });

  it("turn an occurrence into a scheduled run of job_runs_cleanup, which deletes runs and notifications past retention", async () => {
    const { project } = await createProject();
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const seed = async (status: "completed" | "failed" | "cancelled", age: number) =>
      (await prisma.jobRun.create({ data: { type: "revenuecat_sync", projectId: project.id, status, triggerKind: "user", createdAt: daysAgo(age), finishedAt: daysAgo(age) } })).id;
    const oldCompleted = await seed("completed", 40);
    const oldCancelled = await seed("cancelled", 31);
    const recentCompleted = await seed("completed", 5);
    const failedKept = await seed("failed", 40);
    const failedExpired = await seed("failed", 100);
    const notification = (age: number) =>
      prisma.notification.create({
        data: { type: "run.finished", subject: `${age} days old`, textBody: "", htmlBody: "", createdAt: daysAgo(age), deliveries: { create: { channel: "email", recipient: "a@test.local", status: "sent", giveUpAt: daysAgo(age) } } },
      });
    const oldNotification = await notification(31);
    const recentNotification = await notification(2);

    await fire({ type: "job_runs_cleanup", projectId: null });
    const run = await waitFor(() => latestRun("job_runs_cleanup"), (current) => current?.status === "completed");
    expect(run?.triggerKind).toBe("schedule");
    expect(run?.result).toMatchObject({ retentionDays: 30, failedRetentionDays: 90 });
    expect((run?.result as { deleted: number }).deleted).toBeGreaterThanOrEqual(3);
    expect(run?.progressProcessed).toBe(run?.progressTotal);

    const left = await prisma.jobRun.findMany({ where: { id: { in: [oldCompleted, oldCancelled, recentCompleted, failedKept, failedExpired] } } });
    expect(left.map((row) => row.id).sort()).toEqual([recentCompleted, failedKept].sort());
    // Notifications past the retention go too, with their deliveries.
    expect((run?.result as { notificationsDeleted: number }).notificationsDeleted).toBeGreaterThanOrEqual(1);
    const kept = await prisma.notification.findMany({ where: { id: { in: [oldNotification.id, recentNotification.id] } } });
    expect(kept.map((row) => row.id)).toEqual([recentNotification.id]);
    expect(await prisma.notificationDelivery.count({ where: { notificationId: oldNotification.id } })).toBe(0);
  });

  it("skip an occurrence while a run of the type is pending or running, and record when and why", async () => {
    await fire({ type: "test_blocking", projectId: null });
    const running = await waitFor(() => latestRun("test_blocking"), (current) => current?.status === "running");
    const before = new Date();
    await fire({ type: "test_blocking", projectId: null });
    const skip = await waitFor(() => prisma.scheduleSkip.findFirst({ where: { type: "test_blocking" } }), (row) => row !== null);
    expect(skip).toMatchObject({ type: "test_blocking", projectId: null, existingRunId: running!.id, reason: "A run of this type was still pending or running" });
    expect(skip!.occurredAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await prisma.jobRun.count({ where: { type: "test_blocking" } })).toBe(1);
    for (const resolve of releaseBlocking.splice(0)) resolve();
    await waitFor(() => latestRun("test_blocking"), (current) => current?.status === "completed");
  });
});

describe("cron", () => {
  it("fires through pg-boss's own scheduler and starts a scheduled run", async () => {
    const { project } = await createProject();
    const boss = await getSenderBoss();
    const occurrence: Occurrence = { type: "test_lane_b", projectId: project.id };
    // A seconds field (pg-boss accepts 6-field cron) keeps this test short; production uses minutes.
    await boss.schedule(OCCURRENCE_QUEUE, "*/2 * * * * *", occurrence, { tz: "UTC", key: `cron-test/${project.id}` });
    try {
      const run = await waitFor(() => latestRun("test_lane_b", project.id), (current) => current?.status === "completed", 45_000, 200);
      expect(run?.triggerKind).toBe("schedule");
    } finally {
      await boss.unschedule(OCCURRENCE_QUEUE, `cron-test/${project.id}`);
    }
  });
});

describe("per-project interval schedules", () => {
  it("set, change and turn off a lane type's interval, and run occurrences in the project's lane", async () => {
    const { project } = await createProject();
    const boss = await getSenderBoss();
    const key = `test_lane_a/${project.id}`;
    const find = async () => (await boss.getSchedules(OCCURRENCE_QUEUE)).filter((schedule) => schedule.key === key);

    await setProjectSchedule(boss, testCatalog, project.id, "test_lane_a", 15);
    expect(await find()).toMatchObject([{ cron: "*/15 * * * *", timezone: "UTC", data: { type: "test_lane_a", projectId: project.id } }]);
    expect(await prisma.projectSchedule.findMany({ where: { projectId: project.id } })).toMatchObject([{ type: "test_lane_a", intervalMinutes: 15 }]);

    await setProjectSchedule(boss, testCatalog, project.id, "test_lane_a", 5);
    expect(await find()).toMatchObject([{ cron: "*/5 * * * *" }]);

    await fire({ type: "test_lane_a", projectId: project.id });
    const run = await waitFor(() => latestRun("test_lane_a", project.id), (current) => current?.status === "completed");
    expect(run?.triggerKind).toBe("schedule");

    await setProjectSchedule(boss, testCatalog, project.id, "test_lane_a", null);
    expect(await find()).toEqual([]);
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("reject other intervals and types that are not schedulable per project, writing nothing", async () => {
    const { project } = await createProject();
    const boss = await getSenderBoss();
    for (const [type, minutes] of [["test_lane_a", 7], ["revenuecat_sync", 15], ["job_runs_cleanup", 15], ["nope", 5]] as const) {
      const error = (await setProjectSchedule(boss, testCatalog, project.id, type, minutes).catch((caught: unknown) => caught)) as AppError;
      expect(error, `${type} ${minutes}`).toBeInstanceOf(AppError);
      expect(error.status).toBe(400);
    }
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
    const { rows } = await getPool().query(`SELECT count(*)::int AS count FROM pgboss.schedule WHERE key LIKE $1`, [`%${project.id}`]);
    expect(rows[0].count).toBe(0);
  });
});
