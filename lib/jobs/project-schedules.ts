import "server-only";
// A project's schedules as every surface reports and sets them (GET/PUT
// /api/v1/projects/:projectId/schedules, `taskdeck schedules`, the dashboard's interval select, MCP):
// one entry per project job type, with the effective cron that GET …/job-types reports as
// `schedule`, so the same type never reads differently on two surfaces.
import { AppError } from "@/lib/errors";
import { getPool } from "@/lib/db/pool";
import { recordAudit, type AuditActor } from "./audit";
import { catalog } from "./catalog";
import type { JobTypeDefinition } from "./definition";
import { projectJobTypes } from "./job-types";
import { getSenderBoss } from "./queue";
import { effectiveSchedules, projectIntervals, setProjectSchedule, type EffectiveSchedule } from "./schedules";
import type { PutScheduleBody } from "./schemas";

export interface ApiSchedule {
  type: string;
  label: string;
  /** The effective cron for this project in UTC; null when the type runs only when triggered. */
  cron: string | null;
  /** The project's own interval, when one is set. */
  intervalMinutes: 5 | 15 | 30 | null;
  /** Whether the type takes a per-project interval (updateProjectSchedule). */
  configurable: boolean;
  /** The intervals it takes, in minutes; empty when not configurable. */
  intervals: number[];
}

function toApiSchedule(definition: JobTypeDefinition, schedule: EffectiveSchedule): ApiSchedule {
  const configurable = definition.projectInterval === true;
  return {
    type: definition.type,
    label: definition.label,
    cron: schedule.cron,
    intervalMinutes: schedule.intervalMinutes,
    configurable,
    intervals: configurable ? [...projectIntervals] : [],
  };
}

export async function listProjectSchedules(projectId: string): Promise<ApiSchedule[]> {
  return (await projectJobTypes(projectId, catalog)).map(({ definition, schedule }) => toApiSchedule(definition, schedule));
}

/**
 * Sets (or, with null, clears) a project's interval for a type and returns its new effective
 * schedule. A change (not a set to the same interval) goes in the audit trail, from and to.
 */
export async function updateProjectSchedule(projectId: string, body: PutScheduleBody, by?: AuditActor): Promise<ApiSchedule> {
  const { type, intervalMinutes } = body;
  // A system type never runs on a project's schedule (and stays out of every project's list).
  const definition = catalog.projectTypes().find((candidate) => candidate.type === type);
  if (!definition) {
    const message = catalog.get(type) ? `${type} is not a job type of this project` : `Unknown job type "${type}"`;
    throw new AppError("bad_request", message, { issues: [{ path: "type", message: "not a job type of this project" }] });
  }
  // The interval it had, for the trail; read only when there is a trail to write.
  const before = by ? await getPool().query<{ interval_minutes: number }>(`SELECT interval_minutes FROM project_schedules WHERE project_id = $1 AND type = $2`, [projectId, type]) : null;
  const fromMinutes = before?.rows[0]?.interval_minutes ?? null;
  // setProjectSchedule refuses types without per-project intervals, with a message naming the type.
  await setProjectSchedule(await getSenderBoss(), catalog, projectId, type, intervalMinutes);
  if (by && fromMinutes !== intervalMinutes) {
    await recordAudit({ projectId, action: "schedule.changed", by, details: { type, fromMinutes, toMinutes: intervalMinutes } });
  }
  const schedules = await effectiveSchedules(catalog, projectId, [type]);
  return toApiSchedule(definition, schedules[type]!);
}
