// What a run owes when it ends (semantics 11 and 13): an email to whoever asked with `notify`, the
// server owner's alert for a system run, and the team's `run.failed` notification (admins who chose
// it, webhooks that receive it) for a project run that failed. The run lifecycle
// (lib/jobs/lifecycle/end.ts) calls this on the connection that ends the run, inside the same
// transaction, so they commit with the run's final state or not at all.
import type { Queryable } from "@/lib/db/pool";
import { appUrl, env } from "@/lib/env";
import { notificationEmail } from "./emails";
import { recordNotification } from "./outbox";
import { runEmail } from "./run-email";
import { notificationTypes } from "./types";

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
  /** Whom `notify` emails: the triggering person while they are a member of the run's team. */
  notifyEmail: string | null;
  projectName: string | null;
  projectSlug: string | null;
  teamId: string | null;
  teamSlug: string | null;
  teamName: string | null;
  /** Who or what triggered it, in words (lib/jobs/runs.ts triggerLabel). */
  trigger: string;
}

/**
 * Whether a run's ending can owe anything, before reading anything: its trigger asked to be told,
 * it is a system run (no project: maintenance and fan-out runs) and the server owner wants alerts,
 * or it is a project run that failed (its team may want to know).
 */
export function mayOweNotification(projectId: string | null, notify: boolean, status: "completed" | "failed" | "cancelled"): boolean {
  return notify || (projectId === null && env.SYSTEM_JOBS_ALERT_EMAIL !== undefined) || (projectId !== null && status === "failed");
}

/**
 * Queues what each ended run owes; returns how many deliveries that made. A notification that
 * cannot be written (a bug, a bad row) is rolled back to its savepoint and logged: it must never
 * keep the run, or the other runs ended with it, from ending.
 */
export async function queueRunNotifications(db: Queryable, runs: EndedRun[], labelOf: (type: string) => string): Promise<number> {
  let queued = 0;
  for (const run of runs) {
    if (!mayOweNotification(run.projectId, run.notify, run.status)) continue;
    await db.query("SAVEPOINT run_notifications");
    try {
      queued += await queueFor(db, run, labelOf);
      await db.query("RELEASE SAVEPOINT run_notifications");
    } catch (error) {
      await db.query("ROLLBACK TO SAVEPOINT run_notifications");
      console.error(`[notify] the notifications of run ${run.id} could not be queued: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return queued;
}

async function queueFor(db: Queryable, run: EndedRun, labelOf: (type: string) => string): Promise<number> {
  let queued = 0;
  const link = run.projectSlug ? `${appUrl()}/projects/${run.projectSlug}/runs/${run.id}` : null;
  const recipients = new Set<string>();
  if (run.notify && run.notifyEmail) recipients.add(run.notifyEmail);
  const alertEmail = env.SYSTEM_JOBS_ALERT_EMAIL;
  // A cancelled system run was someone's decision on the server; it is not an alert.
  if (run.projectId === null && alertEmail && run.status !== "cancelled") recipients.add(alertEmail);
  if (recipients.size > 0) {
    const email = runEmail({
      runId: run.id,
      typeLabel: labelOf(run.type),
      status: run.status,
      projectName: run.projectName,
      link,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      processed: run.progressProcessed,
      total: run.progressTotal,
      message: run.progressMessage,
      errorMessage: run.errorMessage,
    });
    const data = { run: { id: run.id, type: run.type, label: labelOf(run.type), status: run.status, url: link } };
    const recorded = await recordNotification(db, { type: "run.finished", teamId: run.teamId, projectId: run.projectId, runId: run.id, email, data, to: { emails: [...recipients] } });
    queued += recorded.emails;
  }
  if (run.status === "failed" && run.projectId && run.teamId && link) {
    queued += await queueRunFailed(db, { ...run, projectId: run.projectId, teamId: run.teamId }, link, labelOf);
  }
  return queued;
}

async function queueRunFailed(db: Queryable, run: EndedRun & { projectId: string; teamId: string }, link: string, labelOf: (type: string) => string): Promise<number> {
  const definition = notificationTypes["run.failed"];
  const data = definition.data.parse({
    project: { id: run.projectId, slug: run.projectSlug, name: run.projectName },
    run: { id: run.id, type: run.type, label: labelOf(run.type), error: run.errorMessage, trigger: run.trigger, url: link },
  });
  const email = notificationEmail("run.failed", data, { team: { slug: run.teamSlug ?? "", name: run.teamName ?? "" }, appUrl: appUrl() });
  const recorded = await recordNotification(db, {
    type: "run.failed",
    teamId: run.teamId,
    projectId: run.projectId,
    runId: run.id,
    email,
    data,
    to: { members: { audience: definition.audience, emailByDefault: definition.emailByDefault }, subscribedWebhooks: true },
  });
  return recorded.emails + recorded.webhooks;
}
