// Writes the emails a finished run owes into the outbox (semantics 11). The worker sends them.
// The run lifecycle (lib/jobs/lifecycle/) calls this on the connection that ends the run, inside
// the same transaction, so the emails commit with the run's final state or not at all.
import type { Queryable } from "@/lib/db/pool";
import { appUrl, env } from "@/lib/env";
import { runEmail } from "./run-email";

/** A run as the statement that ended it returns it (lib/jobs/lifecycle/end.ts). */
export interface EndedRun {
  id: string;
  type: string;
  status: "completed" | "failed" | "cancelled";
  notify: boolean;
  projectId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  progressProcessed: number;
  progressTotal: number | null;
  progressMessage: string | null;
  errorMessage: string | null;
  userEmail: string | null;
  projectName: string | null;
  projectSlug: string | null;
}

/**
 * Whether a run can owe any email, before reading anything: its trigger asked for one, or it is a
 * system run (no project: maintenance and fan-out runs) and the server owner wants alerts.
 */
export function mayOweEmail(projectId: string | null, notify: boolean): boolean {
  return notify || (projectId === null && env.SYSTEM_JOBS_ALERT_EMAIL !== undefined);
}

/** Queues each run's emails: to whoever asked with `notify`, and to the server owner for system runs. */
export async function queueRunEmails(db: Queryable, runs: EndedRun[], labelOf: (type: string) => string): Promise<number> {
  let queued = 0;
  for (const run of runs) {
    const recipients = new Set<string>();
    if (run.notify && run.userEmail) recipients.add(run.userEmail);
    const alertEmail = env.SYSTEM_JOBS_ALERT_EMAIL;
    // A cancelled system run was someone's decision on the server; it is not an alert.
    if (run.projectId === null && alertEmail && run.status !== "cancelled") recipients.add(alertEmail);
    if (recipients.size === 0) continue;

    const content = runEmail({
      runId: run.id,
      typeLabel: labelOf(run.type),
      status: run.status,
      projectName: run.projectName,
      link: run.projectSlug ? `${appUrl()}/projects/${run.projectSlug}/runs/${run.id}` : null,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      processed: run.progressProcessed,
      total: run.progressTotal,
      message: run.progressMessage,
      errorMessage: run.errorMessage,
    });
    await db.query(
      `INSERT INTO notifications (id, run_id, recipient, subject, text_body, html_body)
       SELECT gen_random_uuid(), $1, recipient, $3, $4, $5 FROM unnest($2::text[]) AS recipient`,
      [run.id, [...recipients], content.subject, content.text, content.html],
    );
    queued += recipients.size;
  }
  return queued;
}
