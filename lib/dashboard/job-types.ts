import "server-only";
// The Tasks page's job types (served under /api/dashboard, never in the API docs): the API's job
// types with this project's interval and, for those who may read runs, each type's recent history.
import { can, type ProjectAccess } from "@/lib/auth/access";
import { projectJobTypes, type ApiJobType } from "@/lib/jobs/job-types";
import { jobTypeStats, type JobTypeStats } from "./job-type-stats";

export type DashboardJobType = ApiJobType & {
  stats: JobTypeStats | null;
  /** Whether the type can run on a per-project interval, and this project's interval if set. */
  projectSchedule: boolean;
  intervalMinutes: number | null;
};

export async function dashboardJobTypes(access: ProjectAccess): Promise<DashboardJobType[]> {
  const types = await projectJobTypes(access.project.id);
  const stats = can(access, "jobs:read") ? await jobTypeStats(access.project.id, types.map(({ api }) => api.type)) : {};
  return types.map(({ api, definition, schedule }) => ({
    ...api,
    stats: stats[api.type] ?? null,
    projectSchedule: Boolean(definition.projectInterval),
    intervalMinutes: schedule.intervalMinutes,
  }));
}
