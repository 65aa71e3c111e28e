// One issue of a project, for every member of its team: its numbers, latest message and stack, and
// recent events; Resolve and Ignore for admins and owners. Another project's issue is 404 here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IssueView } from "@/components/issues/issue-view";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { getIssue } from "@/lib/issues/issues";

export const metadata: Metadata = { title: "Issue" };

export default async function IssuePage({ params }: { params: Promise<{ projectId: string; issueId: string }> }) {
  const { projectId, issueId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/issues/${issueId}`);
  const issue = await getIssue(access.project.id, issueId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <IssueView project={access.project} issue={issue} canManage={can(access, "jobs:write")} />;
}
