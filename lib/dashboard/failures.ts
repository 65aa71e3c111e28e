// Failed runs grouped by job type and error message, so an admin reads "12 × RevenueCat 401
// Unauthorized" rather than twelve rows.
import { getPool } from "@/lib/db/pool";

export interface FailureGroup {
  type: string;
  message: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  newestRunId: string;
}

export const failureWindows = { "24h": 1, "7d": 7, "30d": 30, all: null } as const;
export type FailureWindow = keyof typeof failureWindows;

export async function failureGroups(projectId: string, window: FailureWindow = "30d"): Promise<FailureGroup[]> {
  const days = failureWindows[window];
  const { rows } = await getPool().query<{ type: string; message: string; count: number; first_seen: Date; last_seen: Date; newest: string }>(
    `SELECT type, coalesce(error_message, '(no message)') AS message, count(*)::int AS count,
            min(coalesce(finished_at, created_at)) AS first_seen, max(coalesce(finished_at, created_at)) AS last_seen,
            (array_agg(id ORDER BY coalesce(finished_at, created_at) DESC))[1]::text AS newest
       FROM job_runs
      WHERE project_id = $1 AND status = 'failed' AND ($2::int IS NULL OR created_at > now() - make_interval(days => $2))
      GROUP BY type, coalesce(error_message, '(no message)')
      ORDER BY max(coalesce(finished_at, created_at)) DESC
      LIMIT 200`,
    [projectId, days],
  );
  return rows.map((row) => ({
    type: row.type,
    message: row.message,
    count: row.count,
    firstSeenAt: row.first_seen.toISOString(),
    lastSeenAt: row.last_seen.toISOString(),
    newestRunId: row.newest,
  }));
}
