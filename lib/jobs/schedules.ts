// Schedules (PRODUCT.md "Job semantics" 9). Every occurrence, of a system type's cron or of a
// project's interval schedule, is a pg-boss job on one `schedule_occurrence` queue; the worker
// turns it into a run through the normal trigger, and records the occurrence as skipped when a run
// of that type is still pending or running. All cron is UTC.
import type { PgBoss } from "pg-boss";
import { AppError } from "@/lib/api/errors";
import { prisma } from "@/lib/db";
import { getJobType, systemJobTypes } from "@/lib/jobs/catalog";

export const OCCURRENCE_QUEUE = "schedule_occurrence";
export const projectIntervals = [5, 15, 30] as const;
export type ProjectInterval = (typeof projectIntervals)[number];

export interface Occurrence {
  type: string;
  projectId: string | null;
}

// pg-boss keys allow letters, digits, _ - . and /.
const scheduleKey = (occurrence: Occurrence) => (occurrence.projectId ? `${occurrence.type}/${occurrence.projectId}` : occurrence.type);

export function intervalCron(minutes: ProjectInterval): string {
  return `*/${minutes} * * * *`;
}

/** Registers the system types' cron schedules. Idempotent: every worker does it at start. */
export async function registerSystemSchedules(boss: PgBoss): Promise<void> {
  await boss.createQueue(OCCURRENCE_QUEUE, { retryLimit: 0 }).catch(() => undefined);
  for (const definition of systemJobTypes()) {
    if (!definition.schedule) continue;
    const occurrence: Occurrence = { type: definition.type, projectId: null };
    await boss.schedule(OCCURRENCE_QUEUE, definition.schedule, occurrence, { tz: "UTC", key: scheduleKey(occurrence) });
  }
}

/** Sets a project's interval for a lane type with per-project schedules; null turns it off. */
export async function setProjectSchedule(boss: PgBoss, projectId: string, type: string, intervalMinutes: number | null): Promise<void> {
  const definition = getJobType(type);
  if (!definition || definition.scope !== "project" || !definition.projectSchedule) {
    throw new AppError("bad_request", `${type} cannot be scheduled per project`, { issues: [{ path: "type", message: "not a schedulable job type" }] });
  }
  const occurrence: Occurrence = { type, projectId };
  if (intervalMinutes === null) {
    await prisma.projectSchedule.deleteMany({ where: { projectId, type } });
    await boss.unschedule(OCCURRENCE_QUEUE, scheduleKey(occurrence));
    return;
  }
  if (!projectIntervals.includes(intervalMinutes as ProjectInterval)) {
    throw new AppError("bad_request", "intervalMinutes must be 5, 15 or 30", { issues: [{ path: "intervalMinutes", message: "must be 5, 15 or 30" }] });
  }
  await boss.createQueue(OCCURRENCE_QUEUE, { retryLimit: 0 }).catch(() => undefined);
  await prisma.projectSchedule.upsert({
    where: { projectId_type: { projectId, type } },
    create: { projectId, type, intervalMinutes },
    update: { intervalMinutes },
  });
  await boss.schedule(OCCURRENCE_QUEUE, intervalCron(intervalMinutes as ProjectInterval), occurrence, { tz: "UTC", key: scheduleKey(occurrence) });
}

export async function recordSkip(occurrence: Occurrence, existingRunId: string | null): Promise<void> {
  await prisma.scheduleSkip.create({
    data: {
      type: occurrence.type,
      projectId: occurrence.projectId,
      reason: "A run of this type was still pending or running",
      existingRunId,
    },
  });
}
