// How often the dashboard asks again (decision 006): every second while something in view is
// pending or running, every ten seconds otherwise.
import type { DashboardRun } from "@/lib/dashboard/run";
import type { RunStatus } from "@/lib/jobs/schemas";

export const ACTIVE_REFRESH_MS = 1000;
export const IDLE_REFRESH_MS = 10_000;

export const isActiveStatus = (status: RunStatus) => status === "pending" || status === "running";

/**
 * A run page shows the run it retries and its retries with their statuses, so it is live while
 * any of them is active: a failed run's page follows its retry to the end (issue 17).
 */
export function runPageRefreshMs(detail: DashboardRun | undefined): number {
  if (!detail) return IDLE_REFRESH_MS;
  const statuses = [detail.run.status, detail.links.retryOf?.status, ...detail.links.retries.map((retry) => retry.status)];
  return statuses.some((status) => status !== undefined && isActiveStatus(status)) ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS;
}
