// History at scale for planning and benchmarking (issue 18): one project with a large history and
// many with an ordinary one, finished runs only, in set-based INSERT … SELECT generate_series
// statements (a million rows in well under a minute; the rollup triggers count the failed ones as
// the product's would). Used by `npm run db:fill` and by the dashboard section of `npm run bench`.
import { getPool } from "@/lib/db/pool";

export interface FillOptions {
  /** Runs in the large project (--runs). */
  runs: number;
  /** Ordinary projects beside it (--projects), each with `perProject` runs (--per-project). */
  projects: number;
  perProject: number;
  log: (line: string) => void;
}

export interface FilledProject {
  id: string;
  slug: string;
  runs: number;
}

export interface FillResult {
  teamId: string;
  large: FilledProject;
  small: FilledProject[];
}

export const FILL_TEAM_SLUG = "fill";

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
const CHUNK = 100_000;

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

async function fillProject(teamId: string, slug: string, name: string, runs: number, log: (line: string) => void): Promise<FilledProject> {
  const pool = getPool();
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO projects (id, team_id, slug, name) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [teamId, slug, name]);
  const id = rows[0]!.id;
  for (let from = 1; from <= runs; from += CHUNK) {
    const to = Math.min(runs, from + CHUNK - 1);
    await pool.query(INSERT_RUNS, [id, from, to, TYPES, ERRORS, DISTINCT_ERRORS]);
    if (runs > CHUNK) log(`  ${slug}: ${to.toLocaleString("en-US")} of ${runs.toLocaleString("en-US")} runs`);
  }
  return { id, slug, runs };
}

/** Writes the fill team and its projects' runs; refuses, writing nothing, when the team exists. */
export async function fillHistory(options: FillOptions): Promise<FillResult> {
  const pool = getPool();
  const existing = await pool.query(`SELECT 1 FROM teams WHERE slug = $1`, [FILL_TEAM_SLUG]);
  if (existing.rowCount) throw new Error(`this database already has the fill's team "${FILL_TEAM_SLUG}"; fill an empty database, or delete that team first`);
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO teams (id, slug, name) VALUES (gen_random_uuid(), $1, 'Fill') RETURNING id`, [FILL_TEAM_SLUG]);
  const teamId = rows[0]!.id;
  const large = await fillProject(teamId, "fill-large", "Fill large", options.runs, options.log);
  const small: FilledProject[] = [];
  for (let index = 1; index <= options.projects; index += 1) {
    small.push(await fillProject(teamId, `fill-small-${String(index).padStart(2, "0")}`, `Fill small ${index}`, options.perProject, options.log));
  }
  options.log(`  ${options.projects} projects of ${options.perProject.toLocaleString("en-US")} runs`);
  // Plans as they will be in production: statistics, and a visibility map for index-only scans.
  await pool.query("VACUUM (ANALYZE) job_runs, failure_groups");
  return { teamId, large, small };
}
