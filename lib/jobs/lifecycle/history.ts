// Finished runs written in bulk, for planning and measuring at scale (npm run db:fill and the
// bench's dashboard section, scripts/lib/fill-history.ts): history as the engine would have left
// it, written here because run state has one owner (tests/unit/architecture.test.ts). Set-based
// INSERT … SELECT generate_series, so a million rows take about a minute and a half here; the
// failure rollup's triggers count the failed ones as they would the engine's.
import type { Queryable } from "@/lib/db/pool";

// Project job types with a realistic share each (the first ones run most often).
const TYPES = ["revenuecat_sync", "app_store_ratings_sync", "apple_ads_sync", "app_store_connect_reviews_sync", "app_version_sync", "pull_analytics", "pull_changes"];
// Twelve kinds of error; with the app or resource they name, 300 distinct messages, each belonging
// to one job type. A few are very common (picked by random()³), most are rare.
const ERRORS = [
  "401 authentication_error: Invalid API key",
  "429 rate_limited: retry after 60 s",
  "timeout after 30 s waiting for the upstream API",
  "ECONNRESET while reading the response",
  "500 internal_error from the upstream API",
  "404 not_found: the app is no longer in this account",
  "403 forbidden: the key lacks the required role",
  "502 bad gateway from the upstream API",
  "invalid JSON in the response body",
  "certificate has expired",
  "503 service unavailable: maintenance window",
  "the report for this day is not available yet",
];
const DISTINCT_ERRORS = 300;

// $1 project, $2 first n, $3 last n. About 18% failed and 4% cancelled, created over the last 30
// days, each taking up to a minute.
const INSERT_RUNS = `
  INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, started_at, finished_at,
                        progress_processed, progress_total, error_message, result)
  SELECT gen_random_uuid(),
         CASE WHEN seed.pick < 0.18 THEN types[1 + seed.error % cardinality(types)] ELSE types[1 + floor(cardinality(types) * power(seed.kind, 2))::int] END,
         $1, CASE WHEN seed.pick < 0.18 THEN 'failed' WHEN seed.pick < 0.22 THEN 'cancelled' ELSE 'completed' END::"RunStatus",
         'schedule', seed.created, seed.created + interval '150 milliseconds', seed.created + seed.took,
         seed.items, seed.items, CASE WHEN seed.pick < 0.18 THEN
           errors[1 + seed.error % cardinality(errors)] || ' (app ' || (seed.error / cardinality(errors) + 1) || ')' END,
         CASE WHEN seed.pick >= 0.22 THEN jsonb_build_object('processed', seed.items) END
    FROM (SELECT $4::text[] AS types, $5::text[] AS errors) AS lists,
         LATERAL (SELECT n, random() AS pick, random() AS kind, floor($6 * power(random(), 3))::int AS error,
                         now() - random() * interval '30 days' AS created, random() * interval '60 seconds' AS took,
                         floor(random() * 500)::int AS items
                    FROM generate_series($2::int, $3::int) AS n) AS seed`;

/** Runs number `from` to `to` of a project's history: finished, over the last 30 days. */
export async function insertFinishedRuns(db: Queryable, projectId: string, from: number, to: number): Promise<void> {
  await db.query(INSERT_RUNS, [projectId, from, to, TYPES, ERRORS, DISTINCT_ERRORS]);
}

/** The failed run of a lane job that failed: what pausingRun finds while the lane is paused. */
export async function insertPausingRun(db: Queryable, projectId: string, queueJobId: string, errorMessage: string): Promise<void> {
  await db.query(
    `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, queue_job_id, started_at, finished_at, error_message)
     VALUES (gen_random_uuid(), 'pull_changes', $1, 'failed', 'schedule', $2, now(), now(), $3)`,
    [projectId, queueJobId, errorMessage],
  );
}
