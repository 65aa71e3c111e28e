// Failed runs grouped by job type and error message, so an admin reads "12 × RevenueCat 401
// Unauthorized" rather than twelve rows. Read from the failure_groups rollup the database keeps
// as runs fail and go (docs/decisions/021-failures-rollup.md), never from the runs themselves: the
// cost follows the groups and the window's days, not the project's history.
import { getPool } from "@/lib/db/pool";

export interface FailureGroup {
  type: string;
  /** The group's id within its type: the md5 of the message (failure_fingerprint), as a uuid. */
  fingerprint: string;
  message: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  newestRunId: string;
}

export interface FailurePage {
  groups: FailureGroup[];
  /** Failed runs in the window, over every group. */
  failures: number;
  /** Groups in the window, over every page. */
  groupCount: number;
  page: number;
  pageCount: number;
}

export const failureWindows = { "24h": 1, "7d": 7, "30d": 30, all: null } as const;
export type FailureWindow = keyof typeof failureWindows;

export const FAILURE_PAGE_SIZE = 25;

// $1 project, $2 the window in days (null: all), $3 page size, $4 offset. A window is the runs
// created since its start rounded down to the hour: day buckets for its whole days, hour buckets
// for the day it starts in. The groups are summed over narrow columns only; the page's 25 then
// read their message and newest run from the bucket that saw them last (one index probe each).
// Totals come first so a page past the end still answers them.
export const FAILURE_PAGE_SQL = `
  WITH bounds AS (
    SELECT coalesce(date_trunc('hour', now() - make_interval(days => $2::int), 'UTC'), '-infinity') AS hour_from,
           coalesce(date_trunc('day', now() - make_interval(days => $2::int), 'UTC') + interval '24 hours', '-infinity') AS day_from),
  buckets AS (
    SELECT f.type, f.fingerprint, f.failures, f.first_seen_at, f.last_seen_at
      FROM bounds, failure_groups AS f
     WHERE f.project_id = $1 AND f.span = 'day' AND f.bucket >= bounds.day_from
    UNION ALL
    SELECT f.type, f.fingerprint, f.failures, f.first_seen_at, f.last_seen_at
      FROM bounds, failure_groups AS f
     WHERE f.project_id = $1 AND f.span = 'hour' AND f.bucket >= bounds.hour_from AND f.bucket < bounds.day_from),
  groups AS (
    SELECT type, fingerprint, sum(failures)::int AS count, min(first_seen_at) AS first_seen, max(last_seen_at) AS last_seen
      FROM buckets GROUP BY type, fingerprint),
  totals AS (SELECT count(*)::int AS group_count, coalesce(sum(count), 0)::int AS failures FROM groups)
  SELECT totals.group_count, totals.failures, page.type, page.fingerprint::text AS fingerprint, newest.message, page.count, page.first_seen, page.last_seen, newest.newest_run_id::text AS newest
    FROM totals
    LEFT JOIN LATERAL (SELECT * FROM groups ORDER BY last_seen DESC, type, fingerprint LIMIT $3 OFFSET $4) AS page ON true
    LEFT JOIN LATERAL (
      SELECT f.message, f.newest_run_id FROM failure_groups AS f
       WHERE f.project_id = $1 AND f.type = page.type AND f.fingerprint = page.fingerprint AND f.last_seen_at = page.last_seen
       LIMIT 1) AS newest ON true
   ORDER BY page.last_seen DESC, page.type, page.fingerprint`;

interface FailureRow {
  group_count: number;
  failures: number;
  type: string | null;
  fingerprint: string;
  message: string;
  count: number;
  first_seen: Date;
  last_seen: Date;
  newest: string;
}

/** The start of a window as the Failures page counts it: its first hour (null: all time). */
export function failureWindowStart(window: FailureWindow, now = Date.now()): Date | null {
  const days = failureWindows[window];
  return days === null ? null : new Date(Math.floor((now - days * 86_400_000) / 3_600_000) * 3_600_000);
}

/** One page of a project's failure groups in `window`, most recently seen first. */
export async function failureGroups(projectId: string, window: FailureWindow = "30d", page = 1): Promise<FailurePage> {
  const { rows } = await getPool().query<FailureRow>(FAILURE_PAGE_SQL, [projectId, failureWindows[window], FAILURE_PAGE_SIZE, (page - 1) * FAILURE_PAGE_SIZE]);
  const totals = rows[0] ?? { group_count: 0, failures: 0 };
  return {
    groups: rows
      .filter((row) => row.type !== null)
      .map((row) => ({
        type: row.type!,
        fingerprint: row.fingerprint,
        message: row.message,
        count: row.count,
        firstSeenAt: row.first_seen.toISOString(),
        lastSeenAt: row.last_seen.toISOString(),
        newestRunId: row.newest,
      })),
    failures: totals.failures,
    groupCount: totals.group_count,
    page,
    pageCount: Math.max(1, Math.ceil(totals.group_count / FAILURE_PAGE_SIZE)),
  };
}
