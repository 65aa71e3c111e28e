// The issue.new announcements issue_scan owes: one notification per team summarising its projects'
// new and regressed production issues. Written in one transaction with clearing the issues' flags,
// so an announcement is sent once, and one a crashed scan owed is sent by the next.
import { prisma } from "@/lib/db/prisma";
import { appUrl } from "@/lib/env";
import { emitNotification } from "@/lib/notify/emit";

/** How many issues one announcement lists; the counts cover all of them. */
const LISTED = 20;

export interface AnnounceResult {
  notifications: number;
  issues: number;
}

export function issueUrl(projectSlug: string, issueId: string): string {
  return `${appUrl()}/projects/${projectSlug}/issues/${issueId}`;
}

export async function announceIssues(runId: string | null): Promise<AnnounceResult> {
  return prisma.$transaction(async (tx) => {
    // Locked so two scans finishing together cannot both announce an issue.
    const pending = await tx.$queryRaw<Array<{ id: string; title: string; status: "new" | "regressed"; event_count: number; users_affected: number; first_seen_at: Date; last_seen_at: Date; project_id: string; slug: string; name: string; team_id: string }>>`
      SELECT i.id, i.title, i.status::text AS status, i.event_count, i.users_affected, i.first_seen_at, i.last_seen_at, p.id AS project_id, p.slug, p.name, p.team_id
        FROM issues i JOIN projects p ON p.id = i.project_id
       WHERE i.announce_pending AND p.deleted_at IS NULL
       ORDER BY p.team_id, i.status DESC, i.event_count DESC
       FOR UPDATE OF i SKIP LOCKED`;
    const byTeam = new Map<string, typeof pending>();
    for (const issue of pending) {
      // Resolved or ignored since it was flagged: nothing to announce any more.
      if (issue.status !== "new" && issue.status !== "regressed") continue;
      byTeam.set(issue.team_id, [...(byTeam.get(issue.team_id) ?? []), issue]);
    }
    for (const [teamId, issues] of byTeam) {
      const projectIds = new Set(issues.map((issue) => issue.project_id));
      await emitNotification(tx, "issue.new", {
        teamId,
        projectId: projectIds.size === 1 ? issues[0]!.project_id : null,
        runId,
        data: {
          newCount: issues.filter((issue) => issue.status === "new").length,
          regressedCount: issues.filter((issue) => issue.status === "regressed").length,
          issues: issues.slice(0, LISTED).map((issue) => ({
            id: issue.id,
            project: { id: issue.project_id, slug: issue.slug, name: issue.name },
            title: issue.title,
            status: issue.status,
            count: issue.event_count,
            usersAffected: issue.users_affected,
            firstSeenAt: issue.first_seen_at.toISOString(),
            lastSeenAt: issue.last_seen_at.toISOString(),
            url: issueUrl(issue.slug, issue.id),
          })),
        },
      });
    }
    if (pending.length > 0) {
      const ids = pending.map((issue) => issue.id);
      await tx.$executeRaw`UPDATE issues SET announce_pending = false, announced_at = now() WHERE id = ANY(${ids}::uuid[])`;
    }
    return { notifications: byTeam.size, issues: [...byTeam.values()].reduce((sum, issues) => sum + issues.length, 0) };
  });
}
