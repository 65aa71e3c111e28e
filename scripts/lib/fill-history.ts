// History at scale for planning and benchmarking (issue 18): one project with a large history and
// many with an ordinary one, finished runs only, written by lib/jobs/lifecycle/history.ts in
// set-based statements of 100,000 runs. Used by `npm run db:fill` and by the dashboard section of
// `npm run bench`.
import { getPool } from "@/lib/db/pool";
import { insertFinishedRuns } from "@/lib/jobs/lifecycle/history";

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

// Runs per statement: a progress line every 100,000 on the large project.
const CHUNK = 100_000;

async function fillProject(teamId: string, slug: string, name: string, runs: number, log: (line: string) => void): Promise<FilledProject> {
  const pool = getPool();
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO projects (id, team_id, slug, name) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [teamId, slug, name]);
  const id = rows[0]!.id;
  for (let from = 1; from <= runs; from += CHUNK) {
    const to = Math.min(runs, from + CHUNK - 1);
    await insertFinishedRuns(pool, id, from, to);
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
