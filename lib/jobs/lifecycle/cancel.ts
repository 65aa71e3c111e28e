// Cooperative cancellation (PRODUCT.md "Job semantics" 6). A pending run is cancelled at once, with
// its queued job, and owes its emails in the same transaction. A running run gets
// `cancel_requested_at`; its worker sees that within a second and the run ends `cancelled` when the
// handler returns.
import type { PgBoss } from "pg-boss";
import { bossDb, getPool, withTransaction } from "@/lib/db/pool";
import { AppError } from "@/lib/errors";
import { getRun, type RunRecord } from "../runs";
import { cancelPendingRun, type LabelOf } from "./end";

export async function cancelRun(runId: string, options: { boss: PgBoss; labelOf: LabelOf }): Promise<RunRecord> {
  const cancelledWhilePending = await withTransaction(async (client) => {
    if (!(await cancelPendingRun(client, runId, options.labelOf))) return false;
    // The queued job goes too. A job a worker fetched a moment ago finds its run no longer pending.
    const { rows } = await client.query<{ name: string; id: string }>(
      `SELECT job.name, job.id FROM job_runs AS run JOIN pgboss.job AS job ON job.id = run.queue_job_id WHERE run.id = $1`,
      [runId],
    );
    if (rows[0]) await options.boss.cancel(rows[0].name, rows[0].id, { db: bossDb(client) });
    return true;
  });
  if (!cancelledWhilePending) {
    await getPool().query(`UPDATE job_runs SET cancel_requested_at = now() WHERE id = $1 AND status = 'running' AND cancel_requested_at IS NULL`, [runId]);
  }
  const run = await getRun(runId);
  if (!run) throw new AppError("not_found", "Run not found");
  if (!cancelledWhilePending && run.status !== "running" && run.status !== "pending") {
    throw new AppError("conflict", `Run has already finished (${run.status}); only pending or running runs can be cancelled`, { details: { status: run.status } });
  }
  return run;
}
