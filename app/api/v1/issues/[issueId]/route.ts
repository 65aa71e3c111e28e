// GET /api/v1/issues/:issueId → { issue } with its stack and recent events
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { issueProject } from "@/lib/issues/access";
import { getIssue } from "@/lib/issues/issues";

export const GET = apiRoute<{ issueId: string }>(async ({ actor, params }) => {
  const { project } = await issueProject(actor, params.issueId, false);
  return NextResponse.json({ issue: await getIssue(project.id, params.issueId) });
});
