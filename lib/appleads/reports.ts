// Apple Ads reports (INTEGRATIONS.md §4): the request body, Apple's range rules, and a row's
// metrics as exact numbers.
//
// Which kind of report: without `granularity` and with `returnRowTotals: true`, each row is one
// campaign's (or ad group's) total over the range, and the start may be up to 24 months back. The
// granular kinds cannot read a rolling 12-month window in 90-day pieces: DAILY allows 90 days but
// only starting at most 90 days ago, HOURLY 7 days within 30, WEEKLY needs more than 14 days and
// MONTHLY more than 3 months. Totals-only also answers with one row per campaign instead of one per
// day. Times are in UTC (`timeZone: "UTC"`), like the product's windows.
import { addDays, addMonths, daysIncluded } from "./dates";
import { parseAmount } from "./money";
import type { ReportRange, SpendRow } from "./types";

export type Granularity = "HOURLY" | "DAILY" | "WEEKLY" | "MONTHLY";

/** Apple's largest report page. */
export const REPORT_PAGE_SIZE = 1000;

/** Why Apple would refuse this range, or null when it is allowed. `today` is `YYYY-MM-DD`. */
export function rangeProblem(range: ReportRange, granularity: Granularity | null, today: string): string | null {
  const days = daysIncluded(range.startTime, range.endTime);
  if (days < 1) return "startTime must not be after endTime";
  const rules: Record<Granularity | "NONE", { earliest: string; fits: boolean; limit: string }> = {
    HOURLY: { earliest: addDays(today, -30), fits: days <= 7, limit: "at most 7 days" },
    DAILY: { earliest: addDays(today, -90), fits: days <= 90, limit: "at most 90 days" },
    WEEKLY: { earliest: addMonths(today, -24), fits: days > 14 && days <= 365, limit: "more than 14 and at most 365 days" },
    MONTHLY: { earliest: addMonths(today, -24), fits: range.endTime > addMonths(range.startTime, 3), limit: "more than 3 months" },
    NONE: { earliest: addMonths(today, -24), fits: true, limit: "any length" },
  };
  const rule = rules[granularity ?? "NONE"];
  const name = granularity ?? "A report without granularity";
  if (range.startTime < rule.earliest) return `${name} must start on or after ${rule.earliest}`;
  if (!rule.fits) return `${name} covers ${rule.limit}; ${range.startTime}…${range.endTime} is ${days} days`;
  return null;
}

/** A totals-only report request (see the header for why), one page of it. */
export function totalsReportBody(range: ReportRange, orderBy: "campaignId" | "adGroupId", offset: number, limit = REPORT_PAGE_SIZE) {
  return {
    startTime: range.startTime,
    endTime: range.endTime,
    selector: { orderBy: [{ field: orderBy, sortOrder: "ASCENDING" }], pagination: { offset, limit } },
    timeZone: "UTC",
    returnRowTotals: true,
    returnGrandTotals: false,
    returnRecordsWithNoMetrics: false,
  };
}

export interface RowMetrics {
  impressions: bigint;
  taps: bigint;
  installs: bigint;
  /** In millionths of the currency (lib/appleads/money.ts). */
  spendMicros: bigint;
  currency: string | null;
}

const count = (value: unknown): bigint | null => (typeof value === "number" && Number.isFinite(value) ? BigInt(Math.round(value)) : null);

/**
 * Installs are `totalInstalls` (tap-through plus view-through, API v5), else the sum of
 * `tapInstalls` and `viewInstalls` when only those came, else the older `installs`.
 */
export function rowMetrics(row: SpendRow | undefined): RowMetrics {
  const split = count(row?.tapInstalls) !== null || count(row?.viewInstalls) !== null ? (count(row?.tapInstalls) ?? 0n) + (count(row?.viewInstalls) ?? 0n) : null;
  return {
    impressions: count(row?.impressions) ?? 0n,
    taps: count(row?.taps) ?? 0n,
    installs: count(row?.totalInstalls) ?? split ?? count(row?.installs) ?? 0n,
    spendMicros: row?.localSpend ? parseAmount(row.localSpend.amount) : 0n,
    currency: row?.localSpend?.currency ?? null,
  };
}
