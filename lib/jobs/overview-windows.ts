// The overview's windows and its failure rate (lib/jobs/overview.ts): pure, for the dashboard and the CLI.
export const overviewWindows = { "24h": { hours: 24, label: "24 hours" }, "7d": { hours: 24 * 7, label: "7 days" } } as const;
export type OverviewWindow = keyof typeof overviewWindows;

/** Failed runs as a percentage of those that ended (one decimal), or null when none ended. */
export function failureRatePercent(totals: { completed: number; failed: number }): number | null {
  const ended = totals.completed + totals.failed;
  return ended === 0 ? null : Math.round((totals.failed / ended) * 1000) / 10;
}
