// apple_ads_sync's window: "lifetime" totals are the last 12 months up to today (UTC), read in
// pieces of at most 90 days that follow each other with no gap and no overlap (one report per
// piece, lib/appleads/reports.ts says why totals-only reports allow this).
import { addDays, addMonths } from "@/lib/appleads/dates";
import type { ReportRange } from "@/lib/appleads/types";

export const LIFETIME_MONTHS = 12;
export const CHUNK_DAYS = 90;

/** The 12 months ending today, both ends included: 2026-12-02 gives 2025-12-03…2026-12-02. */
export function lifetimeWindow(today: string, months = LIFETIME_MONTHS): ReportRange {
  return { startTime: addDays(addMonths(today, -months), 1), endTime: today };
}

/** The window in consecutive pieces of `chunkDays` days, the last one shorter. */
export function reportChunks(window: ReportRange, chunkDays = CHUNK_DAYS): ReportRange[] {
  const chunks: ReportRange[] = [];
  for (let start = window.startTime; start <= window.endTime; start = addDays(start, chunkDays)) {
    const end = addDays(start, chunkDays - 1);
    chunks.push({ startTime: start, endTime: end < window.endTime ? end : window.endTime });
  }
  return chunks;
}
