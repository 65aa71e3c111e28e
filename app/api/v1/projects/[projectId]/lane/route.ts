// GET /api/v1/projects/:projectId/lane — { lane: { paused, pausedByRunId, error, queued } }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireProject } from "@/lib/auth/access";
import { getLane } from "@/lib/jobs/lanes";

export const GET = apiRoute<{ projectId: string }>(async ({ actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:read");
  return NextResponse.json({ lane: await getLane(project.id) });
});
