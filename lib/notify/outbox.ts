// Writes the emails a finished run owes into the outbox (semantics 11). The worker sends them.
// Plain SQL on whatever connection ends the run, so the emails commit with the run's final state.
import { getPool, type Queryable } from "@/lib/db/pool";
import { appUrl, env } from "@/lib/env";
import { getJobType } from "@/lib/jobs/catalog";
import { runEmail } from "./run-email";

interface FinishedRunRow {
  id: string;
  type: string;
  status: string;
  notify: boolean;
  started_at: Date | null;
  finished_at: Date | null;
  progress_processed: number;
  progress_total: number | null;
  progress_message: string | null;
  error_message: string | null;
  user_email: string | null;
  project_name: string | null;
  project_slug: string | null;
}

/** Whether a run of this type with this notify flag can owe any email, before reading anything. */
export function mayOweEmail(type: string, notify: boolean): boolean {
  return notify || (getJobType(type)?.scope === "system" && env.SYSTEM_JOBS_ALERT_EMAIL !== undefined);
}

/** Queues the run's emails: to whoever asked with `notify`, and to the server owner for system runs. */
export async function enqueueRunNotifications(runId: string, db: Queryable = getPool()): Promise<number> {
  const { rows } = await db.query<FinishedRunRow>(
    `SELECT run.id, run.type, run.status::text AS status, run.notify, run.started_at, run.finished_at,
            run.progress_processed, run.progress_total, run.progress_message, run.error_message,
            usr.email AS user_email, project.name AS project_name, project.slug AS project_slug
       FROM job_runs AS run
       LEFT JOIN users AS usr ON usr.id = run.triggered_by_user_id
       LEFT JOIN projects AS project ON project.id = run.project_id
      WHERE run.id = $1`,
    [runId],
  );
  const run = rows[0];
  if (!run || !["completed", "failed", "cancelled"].includes(run.status)) return 0;
  const definition = getJobType(run.type);
  const recipients = new Set<string>();
  if (run.notify && run.user_email) recipients.add(run.user_email);
  const alertEmail = env.SYSTEM_JOBS_ALERT_EMAIL;
  if (definition?.scope === "system" && alertEmail && run.status !== "cancelled") recipients.add(alertEmail);
  if (recipients.size === 0) return 0;

  const content = runEmail({
    runId: run.id,
    typeLabel: definition?.label ?? run.type,
    status: run.status as "completed" | "failed" | "cancelled",
    projectName: run.project_name,
    link: run.project_slug ? `${appUrl()}/projects/${run.project_slug}/runs/${run.id}` : null,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    processed: run.progress_processed,
    total: run.progress_total,
    message: run.progress_message,
    errorMessage: run.error_message,
  });
  await db.query(
    `INSERT INTO notifications (id, run_id, recipient, subject, text_body, html_body)
     SELECT gen_random_uuid(), $1, recipient, $3, $4, $5 FROM unnest($2::text[]) AS recipient`,
    [run.id, [...recipients], content.subject, content.text, content.html],
  );
  return recipients.size;
}
