// Stale-run recovery (PRODUCT.md "Job semantics" 10). A run is `running` only while its pg-boss job
// is `active` and the worker holding it keeps the job's heartbeat fresh (every HEARTBEAT_SECONDS / 2).
// A run whose job is gone, finished, or silent for three heartbeats belongs to a dead worker and is
// failed. Runs of live workers are never touched, and neither are pending runs: their jobs are
// still queued and will run.
import { getPool } from "@/lib/db/pool";
import { HEARTBEAT_SECONDS } from "@/lib/jobs/queue";
import { enqueueRunNotifications } from "@/lib/notify/outbox";

export const STALE_AFTER_SECONDS = HEARTBEAT_SECONDS * 3;

export const RESTART_MESSAGE = "Server restarted during execution";

export async function recoverStaleRuns(): Promise<string[]> {
  const { rows } = await getPool().query<{ id: string }>(
    `UPDATE job_runs AS run
        SET status = 'failed', error_message = $1, finished_at = now()
      WHERE run.status = 'running'
        AND NOT EXISTS (
          SELECT 1 FROM pgboss.job AS job
           WHERE job.id = run.queue_job_id
             AND job.state = 'active'
             AND coalesce(job.heartbeat_on, job.started_on) > now() - make_interval(secs => $2)
        )
      RETURNING run.id`,
    [RESTART_MESSAGE, STALE_AFTER_SECONDS],
  );
  // The run ended (failed): whoever asked to be notified, or the server owner, hears about it.
  for (const row of rows) await enqueueRunNotifications(row.id);
  return rows.map((row) => row.id);
}
