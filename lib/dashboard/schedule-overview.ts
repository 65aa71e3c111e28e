// The project's Schedules page: every project job type that runs on its own, with its cron or
// per-project interval in words, the next occurrence, the last scheduled run and the occurrences
// skipped because a run was still active (PRODUCT.md "Job semantics" 9).
import { prisma } from "@/lib/db/prisma";
import { eligibilityDescriptions } from "@/lib/jobs/definition";
import { projectJobTypes } from "@/lib/jobs/job-types";
import type { ProjectInterval } from "@/lib/jobs/schedules";
import { nextOccurrence, scheduleInWords } from "@/lib/jobs/schedule-text";
import type { RunStatus } from "@/lib/jobs/schemas";

export interface ScheduledType {
  type: string;
  label: string;
  /** "cron": fixed by the catalog; "interval": set per project (5, 15, 30 minutes or off). */
  kind: "cron" | "interval";
  cron: string | null;
  intervalMinutes: ProjectInterval | null;
  inWords: string;
  nextRunAt: string | null;
  /** The cron fans out: one run, of no project and so not listed here, covers every eligible project. */
  acrossProjects: boolean;
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
  skipped: { count: number; recent: Array<{ occurredAt: string; existingRunId: string | null; reason: string }> };
}


export async function scheduleOverview(projectId: string): Promise<ScheduledType[]> {
  const types = (await projectJobTypes(projectId)).filter(({ definition }) => definition.projectInterval || definition.schedule);
  return Promise.all(
    types.map(async ({ definition, schedule }) => {
      const { cron } = schedule;
      const [lastRun, skipCount, skips] = await Promise.all([
        prisma.jobRun.findFirst({ where: { projectId, type: definition.type, triggerKind: "schedule" }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, createdAt: true } }),
        prisma.scheduleSkip.count({ where: { projectId, type: definition.type } }),
        prisma.scheduleSkip.findMany({ where: { projectId, type: definition.type }, orderBy: { occurredAt: "desc" }, take: 5 }),
      ]);
      const eligible = definition.schedule?.eligible;
      const acrossProjects = definition.schedule?.reach === "fan_out";
      // A cron that does not reach this project says what the project lacks.
      const off = definition.projectInterval ? "Off" : `Not for this project: it runs for ${eligible ? eligibilityDescriptions[eligible] : "other projects"}`;
      return {
        type: definition.type,
        label: definition.label,
        kind: definition.projectInterval ? ("interval" as const) : ("cron" as const),
        cron,
        intervalMinutes: schedule.intervalMinutes,
        inWords: cron ? `${scheduleInWords(cron)}${acrossProjects ? ", in one run across every eligible project" : ""}` : off,
        acrossProjects,
        nextRunAt: cron ? (nextOccurrence(cron)?.toISOString() ?? null) : null,
        lastRun: lastRun ? { id: lastRun.id, status: lastRun.status, createdAt: lastRun.createdAt.toISOString() } : null,
        skipped: {
          count: skipCount,
          recent: skips.map((skip) => ({ occurredAt: skip.occurredAt.toISOString(), existingRunId: skip.existingRunId, reason: skip.reason })),
        },
      };
    }),
  );
}
