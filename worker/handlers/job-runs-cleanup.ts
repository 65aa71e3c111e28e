// job_runs_cleanup (system, daily): deletes finished runs past their retention, in batches so no
// single statement holds locks for long, reporting progress as it goes.
import { getPool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import type { JobHandler } from "@/lib/jobs/handler";

const BATCH_SIZE = 500;

const expired = `
  (status IN ('completed', 'cancelled') AND finished_at < now() - make_interval(days => $1))
  OR (status = 'failed' AND finished_at < now() - make_interval(days => $2))`;

const jobRunsCleanup: JobHandler<"job_runs_cleanup"> = async (_params, context) => {
  const pool = getPool();
  const retention = [env.RUN_RETENTION_DAYS, env.FAILED_RUN_RETENTION_DAYS];
  const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM job_runs WHERE ${expired}`, retention);
  const total = Number(rows[0]?.count ?? 0);
  let deleted = 0;
  context.progress({ processed: 0, total, message: `${total} runs past retention` });
  while (deleted < total && !context.isCancelled()) {
    const { rowCount } = await pool.query(
      `DELETE FROM job_runs WHERE id IN (SELECT id FROM job_runs WHERE ${expired} ORDER BY finished_at LIMIT ${BATCH_SIZE})`,
      retention,
    );
    if (!rowCount) break;
    deleted += rowCount;
    context.progress({ processed: deleted, total, message: `Deleted ${deleted} of ${total} runs` });
  }
  const skips = await pool.query(`DELETE FROM schedule_skips WHERE occurred_at < now() - make_interval(days => $1)`, [env.RUN_RETENTION_DAYS]);
  return { deleted, scheduleSkipsDeleted: skips.rowCount ?? 0, retentionDays: env.RUN_RETENTION_DAYS, failedRetentionDays: env.FAILED_RUN_RETENTION_DAYS };
};

export default jobRunsCleanup;
