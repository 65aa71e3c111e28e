import "server-only";
// Shapes the dashboard polls beyond REST API v1 (served under /api/dashboard, never to API docs):
// job types with their recent history, and a run with its retry links and, for owners, its stack.
import { can, type ProjectAccess } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { getJobType } from "@/lib/jobs/catalog";
import { apiJobTypes, type ApiJobType } from "@/lib/jobs/job-types";
import { jobTypeStats, type JobTypeStats } from "@/lib/jobs/job-type-stats";
import { runLinks, type RunLinks } from "@/lib/jobs/run-detail";
import { toApiRun, type ApiRun, type RunRecord } from "@/lib/jobs/runs";

export type DashboardJobType = ApiJobType & {
  stats: JobTypeStats | null;
  /** Whether the type can run on a per-project interval, and this project's interval if set. */
  projectSchedule: boolean;
  intervalMinutes: number | null;
};

/** The project's job types; their runs' history only for those who may read runs. */
export async function dashboardJobTypes(access: ProjectAccess): Promise<DashboardJobType[]> {
  const types = apiJobTypes();
  const [stats, intervals] = await Promise.all([
    can(access, "jobs:read") ? jobTypeStats(access.project.id, types.map((type) => type.type)) : {},
    prisma.projectSchedule.findMany({ where: { projectId: access.project.id }, select: { type: true, intervalMinutes: true } }),
  ]);
  return types.map((type) => ({
    ...type,
    stats: (stats as Record<string, JobTypeStats>)[type.type] ?? null,
    projectSchedule: Boolean(getJobType(type.type)?.projectSchedule),
    intervalMinutes: intervals.find((row) => row.type === type.type)?.intervalMinutes ?? null,
  }));
}

// No error stack: PRODUCT.md keeps stacks for the server owner (`taskdeck admin runs show`).
export interface DashboardRun {
  run: ApiRun;
  links: RunLinks;
}

export async function dashboardRun(run: RunRecord): Promise<DashboardRun> {
  return { run: toApiRun(run), links: await runLinks(run) };
}
