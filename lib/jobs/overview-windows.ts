// The overview's windows (lib/jobs/overview.ts): pure, for the page's switch and the query schema.
export const overviewWindows = { "24h": { hours: 24, label: "24 hours" }, "7d": { hours: 24 * 7, label: "7 days" } } as const;
export type OverviewWindow = keyof typeof overviewWindows;
