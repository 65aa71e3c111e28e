import "server-only";
// The run detail page's shape (served under /api/dashboard): the API's run with its retry links
// and its activity (the audit trail).
// No error stack: PRODUCT.md keeps stacks for the server owner (`taskdeck admin runs show`).
import { runActivity, type AuditEntry } from "@/lib/jobs/audit";
import { toApiRun, type ApiRun, type RunRecord } from "@/lib/jobs/runs";
import { runLinks, type RunLinks } from "./run-links";

export interface DashboardRun {
  run: ApiRun;
  links: RunLinks;
  /** Who did what to the run (the audit trail), oldest first. */
  activity: AuditEntry[];
}

export async function dashboardRun(run: RunRecord): Promise<DashboardRun> {
  const [links, activity] = await Promise.all([runLinks(run), runActivity(run.id)]);
  return { run: toApiRun(run), links, activity };
}
