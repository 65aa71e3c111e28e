// A team page's view of its projects: how many runs are active and how many failed lately.
import { getPool } from "@/lib/db/pool";

export interface ProjectActivity {
  active: number;
  failedLastDay: number;
  lastRunAt: string | null;
}

export async function projectActivity(projectIds: string[]): Promise<Record<string, ProjectActivity>> {
  if (projectIds.length === 0) return {};
  const { rows } = await getPool().query<{ project_id: string; active: number; failed: number; last_run_at: Date | null }>(
    `SELECT p.id AS project_id,
            (SELECT count(*) FROM job_runs WHERE project_id = p.id AND status IN ('pending', 'running'))::int AS active,
            (SELECT count(*) FROM job_runs WHERE project_id = p.id AND status = 'failed' AND created_at > now() - interval '1 day')::int AS failed,
            (SELECT max(created_at) FROM job_runs WHERE project_id = p.id) AS last_run_at
       FROM unnest($1::uuid[]) AS p(id)`,
    [projectIds],
  );
  return Object.fromEntries(rows.map((row) => [row.project_id, { active: row.active, failedLastDay: row.failed, lastRunAt: row.last_run_at?.toISOString() ?? null }]));
}
