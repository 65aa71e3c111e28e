// POST /api/v1/projects/:projectId/lane/skip — drop the failed lane work and resume → 200 { lane }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireJobAccess } from "@/lib/auth/access";
import { skipLane } from "@/lib/jobs/lanes";

export const POST = apiRoute<{ projectId: string }>(async ({ user, params }) => {
  const { project } = await requireJobAccess(user.id, params.projectId);
  return NextResponse.json({ lane: await skipLane(project.id) });
});
