// Schedules (PRODUCT.md "Job semantics" 9 and 12). Every occurrence, of a type's cron or of a
// project's interval, is a pg-boss job on one `schedule_occurrence` queue; the worker turns it into
// runs (worker/occurrences.ts) and records an occurrence as skipped when the run it would start is
// still pending or running. All cron is UTC.
import type { PgBoss } from "pg-boss";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Catalog } from "./define-catalog";
import { eligibleAmong } from "./eligibility";

export const OCCURRENCE_QUEUE = "schedule_occurrence";
export const projectIntervals = [5, 15, 30] as const;
export type ProjectInterval = (typeof projectIntervals)[number];

export interface Occurrence {
  type: string;
  /** Set for a project's interval schedule; null for a type's own cron. */
  projectId: string | null;
}

// pg-boss keys allow letters, digits, _ - . and /. A type's own cron is keyed by the type alone.
const scheduleKey = (occurrence: Occurrence) => (occurrence.projectId ? `${occurrence.type}/${occurrence.projectId}` : occurrence.type);
const isTypeKey = (key: string) => /^[a-z][a-z0-9_]*$/.test(key);

export function intervalCron(minutes: ProjectInterval): string {
  return `*/${minutes} * * * *`;
}

async function ensureOccurrenceQueue(boss: PgBoss): Promise<void> {
  // Notify-enabled, so an occurrence fires its run at once and the queue is not polled every two seconds.
  const queue = await boss.getQueue(OCCURRENCE_QUEUE);
  if (!queue) await boss.createQueue(OCCURRENCE_QUEUE, { retryLimit: 0, notify: true });
  else if (!queue.notify) await boss.updateQueue(OCCURRENCE_QUEUE, { notify: true });
}

/** Registers every scheduled type's cron, and drops crons of types the catalog no longer has. Idempotent: every worker does it at start. */
export async function registerSchedules(boss: PgBoss, catalog: Catalog): Promise<void> {
  await ensureOccurrenceQueue(boss);
  const scheduled = catalog.all().filter((definition) => definition.schedule);
  for (const definition of scheduled) {
    const occurrence: Occurrence = { type: definition.type, projectId: null };
    await boss.schedule(OCCURRENCE_QUEUE, definition.schedule!.cron, occurrence, { tz: "UTC", key: scheduleKey(occurrence) });
  }
  const current = new Set(scheduled.map((definition) => definition.type));
  for (const schedule of await boss.getSchedules(OCCURRENCE_QUEUE)) {
    if (schedule.key && isTypeKey(schedule.key) && !current.has(schedule.key)) await boss.unschedule(OCCURRENCE_QUEUE, schedule.key);
  }
}

/** Sets a project's interval for a type with per-project schedules; null turns it off. */
export async function setProjectSchedule(boss: PgBoss, catalog: Catalog, projectId: string, type: string, intervalMinutes: number | null): Promise<void> {
  const definition = catalog.get(type);
  if (!definition?.projectInterval) {
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
  await ensureOccurrenceQueue(boss);
  await prisma.projectSchedule.upsert({
    where: { projectId_type: { projectId, type } },
    create: { projectId, type, intervalMinutes },
    update: { intervalMinutes },
  });
  await boss.schedule(OCCURRENCE_QUEUE, intervalCron(intervalMinutes as ProjectInterval), occurrence, { tz: "UTC", key: scheduleKey(occurrence) });
}

export interface EffectiveSchedule {
  /** The cron that reaches this project, in UTC; null when the type runs here only when triggered. */
  cron: string | null;
  /** Set when the cron is the project's own interval (per-project schedules). */
  intervalMinutes: ProjectInterval | null;
}

/**
 * When each type runs for this project (semantics 9 and 12): its per-project interval, or its cron
 * when the cron reaches the project (a fan-out or one run per project, and the project is eligible),
 * or only when triggered. The same answer for the API, the CLI and the dashboard.
 */
export async function effectiveSchedules(catalog: Catalog, projectId: string, types: string[]): Promise<Record<string, EffectiveSchedule>> {
  const definitions = types.map((type) => catalog.get(type)).filter((definition) => definition !== undefined);
  const intervals = await prisma.projectSchedule.findMany({ where: { projectId }, select: { type: true, intervalMinutes: true } });
  const rules = [...new Set(definitions.flatMap((definition) => (definition.schedule?.eligible ? [definition.schedule.eligible] : [])))];
  const eligible = new Map(await Promise.all(rules.map(async (rule) => [rule, (await eligibleAmong(rule, [projectId])).has(projectId)] as const)));
  return Object.fromEntries(
    definitions.map((definition) => {
      const interval = (intervals.find((row) => row.type === definition.type)?.intervalMinutes ?? null) as ProjectInterval | null;
      if (definition.projectInterval && interval) return [definition.type, { cron: intervalCron(interval), intervalMinutes: interval }];
      const reaches = definition.schedule?.eligible !== undefined && eligible.get(definition.schedule.eligible) === true;
      return [definition.type, { cron: reaches ? definition.schedule!.cron : null, intervalMinutes: null }];
    }),
  );
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
