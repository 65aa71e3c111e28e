// GET /api/v1/projects/:projectId/lane — { lane: { paused, pausedByRunId, error, queued } }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireJobAccess } from "@/lib/auth/access";
import { getLane } from "@/lib/jobs/lanes";

export const GET = apiRoute<{ projectId: string }>(async ({ user, params }) => {
  const { project } = await requireJobAccess(user.id, params.projectId);
  return NextResponse.json({ lane: await getLane(project.id) });
});
