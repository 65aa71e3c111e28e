import "server-only";
// The run detail page's shape (served under /api/dashboard): the API's run with its retry links.
// No error stack: PRODUCT.md keeps stacks for the server owner (`taskdeck admin runs show`).
import { toApiRun, type ApiRun, type RunRecord } from "@/lib/jobs/runs";
import { runLinks, type RunLinks } from "./run-links";

export interface DashboardRun {
  run: ApiRun;
  links: RunLinks;
}

export async function dashboardRun(run: RunRecord): Promise<DashboardRun> {
  return { run: toApiRun(run), links: await runLinks(run) };
}
