// GET /api/v1/projects/:projectId/issues?status=&environment=&appVersion=&q=&limit=&cursor= → { issues, nextCursor }
import { NextResponse } from "next/server";
import { apiRoute, readQuery } from "@/lib/api/route";
import { findProject } from "@/lib/auth/access";
import { listIssues } from "@/lib/issues/issues";
import { listIssuesQuerySchema } from "@/lib/issues/schemas";

// Issues are project data: every member of the team and each of its keys may read them.
export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const { project } = await findProject(actor, params.projectId);
  return NextResponse.json(await listIssues(project.id, readQuery(request, listIssuesQuerySchema)));
});
