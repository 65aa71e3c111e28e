// POST /api/v1/projects/:projectId/lane/skip — drop the failed lane work and resume → 200 { lane }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireProject } from "@/lib/auth/access";
import { jobs } from "@/lib/jobs/jobs";

export const POST = apiRoute<{ projectId: string }>(async ({ actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:write");
  return NextResponse.json({ lane: await jobs.skipLane(project.id) });
});
