import "server-only";
// The Tasks page's job types (served under /api/dashboard, never in the API docs): the API's job
// types with this project's interval and, for those who may read runs, each type's recent history.
import { can, type ProjectAccess } from "@/lib/auth/access";
import type { ParamPicker } from "@/lib/jobs/definition";
import { projectJobTypes, type ApiJobType, type ProjectJobType } from "@/lib/jobs/job-types";
import { jobTypeStats, type JobTypeStats } from "./job-type-stats";

export type DashboardJobType = ApiJobType & {
  stats: JobTypeStats | null;
  /** Whether the type can run on a per-project interval, and this project's interval if set. */
  projectSchedule: boolean;
  intervalMinutes: number | null;
  /** Params fields the Run now form picks from the project's pulled data (the definition's pickers). */
  pickers: Record<string, ParamPicker>;
};

/** The project's job types for the Tasks page; `known` when the caller has read them already. */
export async function dashboardJobTypes(access: ProjectAccess, known?: ProjectJobType[]): Promise<DashboardJobType[]> {
  const types = known ?? (await projectJobTypes(access.project.id));
  const stats = can(access, "jobs:read") ? await jobTypeStats(access.project.id, types.map(({ api }) => api.type)) : {};
  return types.map(({ api, definition, schedule }) => ({
    ...api,
    stats: stats[api.type] ?? null,
    projectSchedule: Boolean(definition.projectInterval),
    intervalMinutes: schedule.intervalMinutes,
    pickers: { ...definition.pickers },
  }));
}
