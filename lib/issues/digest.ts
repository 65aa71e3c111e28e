// issue_notify's work: each project whose digest cadence is due gets one issue.digest of the
// issues new or regressed in its window, or nothing when there are none. A window is claimed by
// moving the project's last_digest_at from what it was to the window's end in the transaction that
// records the digest, so two runs, or a run retried after a crash, never send a window twice.
import { prisma } from "@/lib/db/prisma";
import { appUrl } from "@/lib/env";
import type { DigestCadence } from "@/lib/generated/prisma/client";
import { emitNotification } from "@/lib/notify/emit";
import { issueUrl } from "./announce";

const HOUR_MS = 3600_000;
export const cadenceMs: Record<Exclude<DigestCadence, "off">, number> = { hourly: HOUR_MS, daily: 24 * HOUR_MS, weekly: 7 * 24 * HOUR_MS };
const LISTED = 20;

export interface DigestOptions {
  now: Date;
  isCancelled?: () => boolean;
  runId?: string | null;
}

export interface DigestResult {
  projectsDue: number;
  sent: number;
  silent: number;
  cancelled: boolean;
}

/** The window a project's next digest covers, ending on the hour; null when it is not due yet. */
export function dueWindow(cadence: DigestCadence, lastDigestAt: Date | null, now: Date): { from: Date; to: Date } | null {
  if (cadence === "off") return null;
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = lastDigestAt ?? new Date(to.getTime() - cadenceMs[cadence]);
  // A few minutes of slack: the hourly job at :05 finds a daily window that ends on the hour due.
  return to.getTime() - from.getTime() >= cadenceMs[cadence] - 10 * 60_000 ? { from, to } : null;
}

export async function sendDigests(options: DigestOptions): Promise<DigestResult> {
  const { now, isCancelled = () => false, runId = null } = options;
  const projects = await prisma.project.findMany({
    where: { deletedAt: null, digestCadence: { not: "off" } },
    select: { id: true, slug: true, name: true, teamId: true, digestCadence: true, lastDigestAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const result: DigestResult = { projectsDue: 0, sent: 0, silent: 0, cancelled: false };
  for (const project of projects) {
    if (isCancelled()) return { ...result, cancelled: true };
    const window = dueWindow(project.digestCadence, project.lastDigestAt, now);
    if (!window) continue;
    result.projectsDue += 1;
    const sent = await prisma.$transaction(async (tx) => {
      // Claims the window: a concurrent run that claimed it first leaves nothing to update.
      const claimed = await tx.project.updateMany({ where: { id: project.id, lastDigestAt: project.lastDigestAt, deletedAt: null }, data: { lastDigestAt: window.to } });
      if (claimed.count === 0) return null;
      const issues = await tx.issue.findMany({
        // Production issues only, like the scan's announcements.
        where: { projectId: project.id, inProduction: true, status: { in: ["new", "regressed"] }, statusChangedAt: { gte: window.from, lt: window.to } },
        orderBy: [{ status: "desc" }, { eventCount: "desc" }],
      });
      // Silent when nothing changed: the window is used up all the same.
      if (issues.length === 0) return false;
      const ref = { id: project.id, slug: project.slug, name: project.name };
      await emitNotification(tx, "issue.digest", {
        teamId: project.teamId,
        projectId: project.id,
        runId,
        data: {
          project: ref,
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          newCount: issues.filter((issue) => issue.status === "new").length,
          regressedCount: issues.filter((issue) => issue.status === "regressed").length,
          issues: issues.slice(0, LISTED).map((issue) => ({
            id: issue.id,
            project: ref,
            title: issue.title,
            status: issue.status as "new" | "regressed",
            count: issue.eventCount,
            usersAffected: issue.usersAffected,
            firstSeenAt: issue.firstSeenAt.toISOString(),
            lastSeenAt: issue.lastSeenAt.toISOString(),
            url: issueUrl(project.slug, issue.id),
          })),
          url: `${appUrl()}/projects/${project.slug}/issues`,
        },
      });
      return true;
    });
    if (sent === true) result.sent += 1;
    else if (sent === false) result.silent += 1;
  }
  return result;
}
