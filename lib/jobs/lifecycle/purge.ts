// Runs past their retention are deleted (job_runs_cleanup), in batches so no single statement
// holds locks for long. Their notifications keep their text (run_id is set null).
import { getPool } from "@/lib/db/pool";

export interface Retention {
  /** Completed and cancelled runs, in days. */
  days: number;
  /** Failed runs, kept longer so failures can still be studied. */
  failedDays: number;
}

const expired = `
  (status IN ('completed', 'cancelled') AND finished_at < now() - make_interval(days => $1))
  OR (status = 'failed' AND finished_at < now() - make_interval(days => $2))`;

export async function countExpiredRuns(retention: Retention): Promise<number> {
  const { rows } = await getPool().query<{ count: string }>(`SELECT count(*) FROM job_runs WHERE ${expired}`, [retention.days, retention.failedDays]);
  return Number(rows[0]?.count ?? 0);
}

/** Deletes up to `batchSize` of the oldest expired runs; returns how many it deleted. */
export async function deleteExpiredRuns(retention: Retention, batchSize: number): Promise<number> {
  const { rowCount } = await getPool().query(
    `DELETE FROM job_runs WHERE id IN (SELECT id FROM job_runs WHERE ${expired} ORDER BY finished_at LIMIT $3)`,
    [retention.days, retention.failedDays, batchSize],
  );
  return rowCount ?? 0;
}
