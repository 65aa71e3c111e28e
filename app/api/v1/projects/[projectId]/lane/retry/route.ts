// POST /api/v1/projects/:projectId/lane/retry — run the failed lane work again, first → 202 { run }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { actorAttribution, requireProject } from "@/lib/auth/access";
import { jobs } from "@/lib/jobs/jobs";
import { toApiRun } from "@/lib/jobs/runs";

export const POST = apiRoute<{ projectId: string }>(async ({ actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:write");
  return NextResponse.json({ run: toApiRun(await jobs.retryLane(project.id, actorAttribution(actor))) }, { status: 202 });
});
