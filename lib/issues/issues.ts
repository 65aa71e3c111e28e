// A project's issues as people see and change them: listed (filtered, keyset-paginated), read with
// their recent events, resolved and ignored. Every query is scoped by project, so another
// project's issue reads as not found.
import { z } from "zod";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Issue, IssueStatus, Prisma } from "@/lib/generated/prisma/client";
import type { ApiIssue, ApiIssueDetail, ListIssuesQuery } from "./schemas";

const isUuid = (value: string) => z.uuid().safeParse(value).success;
const RECENT_EVENTS = 20;

export function toApiIssue(issue: Issue): ApiIssue {
  return {
    id: issue.id,
    projectId: issue.projectId,
    title: issue.title,
    errorType: issue.errorType,
    message: issue.message,
    status: issue.status,
    count: issue.eventCount,
    usersAffected: issue.usersAffected,
    appVersions: issue.appVersions,
    inProduction: issue.inProduction,
    firstSeenAt: issue.firstSeenAt.toISOString(),
    lastSeenAt: issue.lastSeenAt.toISOString(),
    resolvedAt: issue.resolvedAt?.toISOString() ?? null,
  };
}

// A cursor is the last issue of a page: its last-seen time and id, newest first.
function encodeCursor(issue: Issue): string {
  return Buffer.from(`${issue.lastSeenAt.toISOString()}|${issue.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { lastSeenAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const lastSeenAt = new Date(at ?? "");
  if (!id || !isUuid(id) || Number.isNaN(lastSeenAt.getTime())) throw new AppError("bad_request", "cursor is not a cursor from a previous page", { issues: [{ path: "cursor", message: "not a cursor from a previous page" }] });
  return { lastSeenAt, id };
}

export async function listIssues(projectId: string, query: ListIssuesQuery): Promise<{ issues: ApiIssue[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const where: Prisma.IssueWhereInput = {
    projectId,
    ...(query.status === "open" ? { status: { in: ["new", "regressed"] } } : query.status ? { status: query.status } : {}),
    ...(query.environment === "production" ? { inProduction: true } : {}),
    ...(query.appVersion ? { appVersions: { has: query.appVersion } } : {}),
    ...(query.q ? { title: { contains: query.q, mode: "insensitive" } } : {}),
    ...(after ? { OR: [{ lastSeenAt: { lt: after.lastSeenAt } }, { lastSeenAt: after.lastSeenAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await prisma.issue.findMany({ where, orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { issues: page.map(toApiIssue), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}

async function issueOf(projectId: string, issueId: string): Promise<Issue> {
  const issue = isUuid(issueId) ? await prisma.issue.findFirst({ where: { id: issueId, projectId } }) : null;
  if (!issue) throw new AppError("not_found", "Issue not found");
  return issue;
}

/** The project of an issue, for routes that name only the issue (`/api/v1/issues/:issueId`). */
export async function projectOfIssue(issueId: string): Promise<string | null> {
  if (!isUuid(issueId)) return null;
  return (await prisma.issue.findUnique({ where: { id: issueId }, select: { projectId: true } }))?.projectId ?? null;
}

export async function getIssue(projectId: string, issueId: string): Promise<ApiIssueDetail> {
  const issue = await issueOf(projectId, issueId);
  const { rows } = await getPool().query<{ id: string; occurred_at: Date; message: string | null; environment: "production" | "development"; app_version: string | null; app_user_id: string | null; session_id: string | null }>(
    `SELECT id, occurred_at, message, environment, app_version, app_user_id, session_id FROM events
      WHERE project_id = $1 AND fingerprint = $2 AND level = 'error' ORDER BY occurred_at DESC LIMIT $3`,
    [projectId, issue.fingerprint, RECENT_EVENTS],
  );
  return {
    ...toApiIssue(issue),
    stack: issue.stack,
    recentEvents: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      message: row.message,
      environment: row.environment,
      appVersion: row.app_version,
      userId: row.app_user_id,
      sessionId: row.session_id,
    })),
  };
}

/** Resolved: it regresses if it recurs in production. Ignored: it never comes back. */
export async function setIssueStatus(projectId: string, issueId: string, status: Extract<IssueStatus, "resolved" | "ignored">): Promise<ApiIssue> {
  const issue = await issueOf(projectId, issueId);
  if (issue.status === status) return toApiIssue(issue);
  const now = new Date();
  const [updated] = await prisma.issue.updateManyAndReturn({
    where: { id: issue.id, projectId },
    data: { status, statusChangedAt: now, resolvedAt: status === "resolved" ? now : null, announcePending: false, updatedAt: now },
  });
  if (!updated) throw new AppError("not_found", "Issue not found");
  return toApiIssue(updated);
}
