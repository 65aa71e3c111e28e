// POST /api/v1/projects/:projectId/lane/retry — run the failed lane work again, first → 202 { run }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireJobAccess } from "@/lib/auth/access";
import { retryLane } from "@/lib/jobs/lanes";
import { toApiRun } from "@/lib/jobs/runs";

export const POST = apiRoute<{ projectId: string }>(async ({ user, params }) => {
  const { project } = await requireJobAccess(user.id, params.projectId);
  return NextResponse.json({ run: toApiRun(await retryLane(project.id, user.id)) }, { status: 202 });
});
