// A project's issues as people see and change them: listed, read, resolved and ignored. Every
// query is scoped by project, so another project's issue reads as not found.
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { IssueStatus } from "@/lib/generated/prisma/client";

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Resolved: it regresses if it recurs in production. Ignored: it never comes back. */
export async function setIssueStatus(projectId: string, issueId: string, status: Extract<IssueStatus, "resolved" | "ignored">) {
  const { count } = isUuid(issueId)
    ? await prisma.issue.updateMany({
        where: { id: issueId, projectId, status: { not: status } },
        data: { status, statusChangedAt: new Date(), resolvedAt: status === "resolved" ? new Date() : null, announcePending: false, updatedAt: new Date() },
      })
    : { count: 0 };
  if (count === 0 && !(isUuid(issueId) && (await prisma.issue.count({ where: { id: issueId, projectId } })) > 0)) throw new AppError("not_found", "Issue not found");
  return prisma.issue.findUniqueOrThrow({ where: { id: issueId } });
}
