// The three event tables (PRODUCT.md "Domain data") and their monthly partitions' names and
// bounds. Pure code: partitions.ts and the jobs use it; UTC months throughout.

export const eventTables = ["events", "metric_events", "funnel_events"] as const;
export type EventTable = (typeof eventTables)[number];

/** What each table is called in messages and results. */
export const eventTableLabels: Record<EventTable, string> = {
  events: "events",
  metric_events: "metric events",
  funnel_events: "funnel events",
};

/** The first instant of the UTC month holding `at`. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** The first instant of the month `months` after the month holding `at` (negative: before). */
export function addMonths(at: Date, months: number): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

/** `events_2026_12`: the partition of `table` holding the month that starts at `month`. */
export function partitionName(table: EventTable, month: Date): string {
  return `${table}_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The distinct months (their starts) that the given instants fall in. */
export function monthsOf(instants: Iterable<Date>): Date[] {
  // Keyed by year and month, so a batch of 1,000 instants in one month makes one Date, not 1,000.
  const starts = new Map<number, Date>();
  for (const at of instants) {
    const key = at.getUTCFullYear() * 12 + at.getUTCMonth();
    if (!starts.has(key)) starts.set(key, monthStart(at));
  }
  return [...starts.values()].sort((a, b) => a.getTime() - b.getTime());
}
