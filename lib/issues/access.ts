import "server-only";
// Who may see and change an issue: anyone who can see its project reads it; resolving and ignoring
// need jobs:write there (admins and owners, or a key with it). Another team's issue is 404.
import { AppError } from "@/lib/errors";
import { findProject, requireProject, type Actor, type ProjectAccess } from "@/lib/auth/access";
import { projectOfIssue } from "./issues";

export async function issueProject(actor: Actor, issueId: string, change: boolean): Promise<ProjectAccess> {
  const projectId = await projectOfIssue(issueId);
  if (!projectId) throw new AppError("not_found", "Issue not found");
  try {
    return change ? await requireProject(actor, projectId, "jobs:write") : await findProject(actor, projectId);
  } catch (error) {
    // A project the actor cannot see hides its issues too.
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_found", "Issue not found");
    throw error;
  }
}
