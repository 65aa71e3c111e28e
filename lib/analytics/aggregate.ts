// One instance's segment rows, added up per (date, territory, kept dimensions). Within ONE instance
// rows with the same key ARE summed: they differ only in columns the report spec does not keep (app
// version, platform version…), so each is a share of the day. Across instances nothing is summed:
// the store keeps the newest processing date's row (lib/analytics/store.ts).
import type { SegmentRow } from "@/lib/appstore/analytics-files";
import type { AnalyticsReportSpec } from "./reports";

export interface DailyRow {
  date: string;
  territory: string;
  /** The kept dimension values, lowercased (Apple's values are case-insensitive), in spec order. */
  dimensionKey: string;
  /** snake_case dimension → the value as first seen. */
  dimensions: Record<string, string>;
  measures: Record<string, number>;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const snake = (header: string) => header.replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");

function numberOf(cell: string | undefined): number {
  const value = Number((cell ?? "").replace(/,/g, ""));
  return Number.isFinite(value) ? value : 0;
}

/** Adds `rows` into `totals` (keyed by date, territory and dimension key); returns the rows it could not read. */
export function addRows(spec: AnalyticsReportSpec, rows: SegmentRow[], totals: Map<string, DailyRow>): number {
  let unreadable = 0;
  for (const row of rows) {
    const date = row["date"] ?? "";
    if (!isoDate.test(date)) {
      unreadable += 1;
      continue;
    }
    const territory = (row["territory"] ?? "").toUpperCase();
    const dimensionKey = spec.dimensions.map((dimension) => (row[dimension] ?? "").toLowerCase()).join("|");
    const key = `${date}\t${territory}\t${dimensionKey}`;
    let total = totals.get(key);
    if (!total) {
      const dimensions = Object.fromEntries(spec.dimensions.map((dimension) => [snake(dimension), row[dimension] ?? ""]));
      const measures = Object.fromEntries(Object.values(spec.measures).map((measure) => [measure, 0]));
      total = { date, territory, dimensionKey, dimensions, measures };
      totals.set(key, total);
    }
    for (const [header, measure] of Object.entries(spec.measures)) total.measures[measure] = (total.measures[measure] ?? 0) + numberOf(row[header]);
  }
  return unreadable;
}

/** The totals with float noise from adding money rounded away (cents). */
export function dailyRows(totals: Map<string, DailyRow>): DailyRow[] {
  return [...totals.values()].map((row) => ({
    ...row,
    measures: Object.fromEntries(Object.entries(row.measures).map(([measure, value]) => [measure, Math.round(value * 100) / 100])),
  }));
}
