// A fan-out run's hold on the project it works on (PRODUCT.md "Job semantics" 12): never two runs of
// one type on one project's data at once. A project run and a fan-out decide under the same
// advisory lock per (type, project): the fan-out skips a project that has an active run of the
// type, and a project run is refused while a fan-out holds its project.
import type pg from "pg";
import { getPool, lockUntilCommit, withTransaction, type Queryable } from "@/lib/db/pool";

/** Serialises every decision about one type on one project until the transaction ends. */
export async function lockProjectType(client: pg.PoolClient, type: string, projectId: string): Promise<void> {
  await lockUntilCommit(client, `${type}/${projectId}`);
}

/** The running fan-out run holding the project, if any; a claim whose run ended holds nothing. */
export async function fanOutHolder(db: Queryable, type: string, projectId: string): Promise<string | null> {
  const { rows } = await db.query<{ run_id: string }>(
    `SELECT claim.run_id FROM fan_out_claims AS claim JOIN job_runs AS run ON run.id = claim.run_id AND run.status = 'running'
      WHERE claim.type = $1 AND claim.project_id = $2`,
    [type, projectId],
  );
  return rows[0]?.run_id ?? null;
}

export type ProjectClaim = { claimed: true } | { claimed: false; activeRunId: string };

/** Claims the project for the fan-out run, unless a run of the type is pending or running there. */
export async function claimProject(runId: string, type: string, projectId: string): Promise<ProjectClaim> {
  return withTransaction(async (client) => {
    await lockProjectType(client, type, projectId);
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM job_runs WHERE type = $1 AND project_id = $2 AND status IN ('pending', 'running') LIMIT 1`,
      [type, projectId],
    );
    if (rows[0]) return { claimed: false, activeRunId: rows[0].id };
    // A claim already there belongs to a run that ended without releasing it (a dead worker): only
    // one run of a type without a project can be active at a time.
    await client.query(
      `INSERT INTO fan_out_claims (type, project_id, run_id) VALUES ($1, $2, $3)
       ON CONFLICT (type, project_id) DO UPDATE SET run_id = excluded.run_id, claimed_at = now()`,
      [type, projectId, runId],
    );
    return { claimed: true };
  });
}

export async function releaseProject(runId: string, projectId: string): Promise<void> {
  await getPool().query(`DELETE FROM fan_out_claims WHERE run_id = $1 AND project_id = $2`, [runId, projectId]);
}
