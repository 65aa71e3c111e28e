// A run while a worker executes it (PRODUCT.md "Job semantics" 2, 7): the claim that makes it
// `running` and its progress; cancellation reaches the worker through worker/run-watch.ts. Each is
// one statement: the hot path that `npm run bench` measures against bare pg-boss.
import { getPool } from "@/lib/db/pool";
import type { ProjectRef } from "../handler";
import type { Progress } from "../progress";

export interface ClaimedRun {
  type: string;
  params: unknown;
  notify: boolean;
  /** The run's project; null for runs that belong to no project. */
  project: ProjectRef | null;
}

/** pending → running, with the run's project; null when the run is no longer pending (cancelled while queued). */
export async function claimRun(runId: string): Promise<ClaimedRun | null> {
  const { rows } = await getPool().query<ClaimedRun>(
    `WITH run AS (
       UPDATE job_runs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'pending'
       RETURNING type, project_id, params, notify)
     SELECT run.type, run.params, run.notify,
            CASE WHEN project.id IS NULL THEN NULL
                 ELSE json_build_object('id', project.id, 'slug', project.slug, 'name', project.name, 'teamId', project.team_id) END AS project
       FROM run LEFT JOIN projects AS project ON project.id = run.project_id`,
    [runId],
  );
  return rows[0] ?? null;
}

/** Stores the latest progress of a running run (the executor coalesces calls to a few a second). */
export async function saveProgress(runId: string, progress: Progress): Promise<void> {
  await getPool().query(
    `UPDATE job_runs SET progress_processed = $2, progress_total = $3, progress_message = $4 WHERE id = $1 AND status = 'running'`,
    [runId, progress.processed, progress.total, progress.message],
  );
}
