// A project's schedules as every surface reads and sets them (lib/jobs/project-schedules.ts): one
// entry per project job type with the same cron GET …/job-types reports, intervals set and cleared
// through pg-boss, and refusals that name the type and write nothing.
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool, getPool } from "@/lib/db/pool";
import { catalog } from "@/lib/jobs/catalog";
import { projectJobTypes } from "@/lib/jobs/job-types";
import { listProjectSchedules, updateProjectSchedule } from "@/lib/jobs/project-schedules";
import { getSenderBoss, stopSenderBoss } from "@/lib/jobs/queue";
import { OCCURRENCE_QUEUE } from "@/lib/jobs/schedules";
import { createProject } from "../helpers/fixtures";

afterAll(async () => {
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
});

const bossSchedules = async (projectId: string) => (await (await getSenderBoss()).getSchedules(OCCURRENCE_QUEUE)).filter((schedule) => schedule.key?.endsWith(`/${projectId}`));
const jobTypeSchedules = async (projectId: string) => Object.fromEntries((await projectJobTypes(projectId)).map(({ api }) => [api.type, api.schedule]));

describe("listProjectSchedules", () => {
  it("has one schedule per project job type, with the cron GET …/job-types reports, and only pull_changes configurable", async () => {
    const { project } = await createProject();
    const schedules = await listProjectSchedules(project.id);
    expect(schedules.map((schedule) => schedule.type)).toEqual(catalog.projectTypes().map((definition) => definition.type));
    expect(Object.fromEntries(schedules.map((schedule) => [schedule.type, schedule.cron]))).toEqual(await jobTypeSchedules(project.id));
    expect(schedules.filter((schedule) => schedule.configurable).map((schedule) => schedule.type)).toEqual(["pull_changes"]);
    expect(schedules.find((schedule) => schedule.type === "pull_changes")).toEqual({
      type: "pull_changes",
      label: "Pull Changes",
      cron: null,
      intervalMinutes: null,
      configurable: true,
      intervals: [5, 15, 30],
    });
    expect(schedules.find((schedule) => schedule.type === "revenuecat_sync")).toMatchObject({ configurable: false, intervals: [], intervalMinutes: null });
    // System types never appear in a project's schedules.
    expect(schedules.map((schedule) => schedule.type)).not.toContain("db_pruning");
  });
});

describe("updateProjectSchedule", () => {
  it("sets, changes and clears pull_changes's interval for this project only, everywhere it is read", async () => {
    const { project } = await createProject();
    const { project: other } = await createProject();

    expect(await updateProjectSchedule(project.id, { type: "pull_changes", intervalMinutes: 15 })).toEqual({
      type: "pull_changes",
      label: "Pull Changes",
      cron: "*/15 * * * *",
      intervalMinutes: 15,
      configurable: true,
      intervals: [5, 15, 30],
    });
    expect(await updateProjectSchedule(project.id, { type: "pull_changes", intervalMinutes: 5 })).toMatchObject({ cron: "*/5 * * * *", intervalMinutes: 5 });
    expect((await listProjectSchedules(project.id)).find((schedule) => schedule.type === "pull_changes")).toMatchObject({ cron: "*/5 * * * *", intervalMinutes: 5 });
    expect((await jobTypeSchedules(project.id)).pull_changes).toBe("*/5 * * * *");
    expect(await bossSchedules(project.id)).toMatchObject([{ key: `pull_changes/${project.id}`, cron: "*/5 * * * *", timezone: "UTC" }]);
    expect((await listProjectSchedules(other.id)).find((schedule) => schedule.type === "pull_changes")).toMatchObject({ cron: null, intervalMinutes: null });

    expect(await updateProjectSchedule(project.id, { type: "pull_changes", intervalMinutes: null })).toMatchObject({ cron: null, intervalMinutes: null });
    expect((await jobTypeSchedules(project.id)).pull_changes).toBeNull();
    expect(await bossSchedules(project.id)).toEqual([]);
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses unknown, system and non-configurable types with a message naming the type, writing nothing", async () => {
    const { project } = await createProject();
    for (const type of ["no_such_type", "db_pruning", "revenuecat_sync", "pull_analytics"]) {
      const error = (await updateProjectSchedule(project.id, { type, intervalMinutes: 15 }).catch((caught: unknown) => caught)) as AppError;
      expect(error, type).toBeInstanceOf(AppError);
      expect(error.code, type).toBe("bad_request");
      expect(error.message, type).toContain(type);
    }
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
    const { rows } = await getPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM pgboss.schedule WHERE key LIKE $1`, [`%${project.id}`]);
    expect(rows[0]!.count).toBe(0);
  });
});
