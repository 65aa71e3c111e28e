// Writes the emails a finished run owes into the outbox (semantics 11). The worker sends them.
import { prisma } from "@/lib/db";
import { appUrl, env } from "@/lib/env";
import { getJobType } from "@/lib/jobs/catalog";
import type { Prisma } from "@/lib/generated/prisma/client";
import { runEmail } from "./run-email";

type Client = Prisma.TransactionClient | typeof prisma;

/** Queues the run's emails: to whoever asked with `notify`, and to the server owner for system runs. */
export async function enqueueRunNotifications(runId: string, db: Client = prisma): Promise<number> {
  const run = await db.jobRun.findUnique({
    where: { id: runId },
    include: { triggeredByUser: { select: { email: true } }, project: { select: { name: true, slug: true } } },
  });
  if (!run || !["completed", "failed", "cancelled"].includes(run.status)) return 0;
  const definition = getJobType(run.type);
  const recipients = new Set<string>();
  if (run.notify && run.triggeredByUser?.email) recipients.add(run.triggeredByUser.email);
  const alertEmail = env.SYSTEM_JOBS_ALERT_EMAIL;
  if (definition?.scope === "system" && alertEmail && run.status !== "cancelled") recipients.add(alertEmail);
  if (recipients.size === 0) return 0;

  const content = runEmail({
    runId: run.id,
    typeLabel: definition?.label ?? run.type,
    status: run.status as "completed" | "failed" | "cancelled",
    projectName: run.project?.name ?? null,
    link: run.project ? `${appUrl()}/projects/${run.project.slug}/tasks?run=${run.id}` : null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    processed: run.progressProcessed,
    total: run.progressTotal,
    message: run.progressMessage,
    errorMessage: run.errorMessage,
  });
  await db.notification.createMany({
    data: [...recipients].map((recipient) => ({
      runId: run.id,
      recipient,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
    })),
  });
  return recipients.size;
}
