// POST /api/v1/issues/:issueId/ignore → 200 { issue } (needs jobs:write)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { issueProject } from "@/lib/issues/access";
import { setIssueStatus } from "@/lib/issues/issues";

export const POST = apiRoute<{ issueId: string }>(async ({ actor, params }) => {
  const { project } = await issueProject(actor, params.issueId, true);
  return NextResponse.json({ issue: await setIssueStatus(project.id, params.issueId, "ignored") });
});
