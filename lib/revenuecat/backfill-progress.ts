// The backfill's progress line. A backfill is paced by RevenueCat's budget, not by its own speed
// (~3 calls per customer at 480 a minute), so its time left comes from both: the customers a
// minute this run has managed, capped by what the budget allows at the calls a customer has cost.
// Pure, so the words can be checked without a run.
import { formatDuration, formatRemaining } from "@/lib/jobs/eta";
import { plural } from "@/lib/plural";

export interface BackfillPace {
  backfilled: number;
  skipped: number;
  /** Customers this run has to go through (counted when it started). */
  total: number;
  /** Customers earlier runs went through before this one resumed. */
  resumedAfter: number;
  /** Since this run started going through customers. */
  elapsedMs: number;
  /** RevenueCat requests since then. */
  requests: number;
  /** RevenueCat's budget per window, as its headers state it. */
  budget: number | null;
  budgetWindowMs: number;
}

export function backfillRemainingMs(pace: BackfillPace): number | null {
  const processed = pace.backfilled + pace.skipped;
  if (processed === 0 || pace.elapsedMs <= 0) return null;
  const observed = processed / pace.elapsedMs;
  const callsPerCustomer = pace.requests / processed;
  const allowed = pace.budget && callsPerCustomer > 0 ? pace.budget / pace.budgetWindowMs / callsPerCustomer : Number.POSITIVE_INFINITY;
  return Math.max(0, pace.total - processed) / Math.min(observed, allowed);
}

export function budgetInWords(budget: number, windowMs: number): string {
  return windowMs === 60_000 ? `${budget} req/min` : `${budget} req per ${formatDuration(windowMs)}`;
}

export function backfillMessage(pace: BackfillPace): string {
  const processed = pace.backfilled + pace.skipped;
  const resumed = pace.resumedAfter > 0 ? ` (resumed after ${plural(pace.resumedAfter, "customer")})` : "";
  const parts = [`Backfilled ${plural(pace.backfilled, "user")}, ${pace.skipped} anonymous skipped${resumed}`];
  if (processed > 0 && pace.budget) parts.push(`~${(pace.requests / processed).toFixed(1)} RC API calls per customer at ${budgetInWords(pace.budget, pace.budgetWindowMs)}`);
  const left = formatRemaining(backfillRemainingMs(pace));
  if (left) parts.push(left);
  return parts.join(" · ");
}

export function backfillDoneMessage(pace: BackfillPace): string {
  const resumed = pace.resumedAfter > 0 ? `, resumed after ${plural(pace.resumedAfter, "customer")}` : "";
  return `Backfilled ${plural(pace.backfilled, "user")}, ${pace.skipped} anonymous skipped in ${formatDuration(pace.elapsedMs)}${resumed}`;
}
