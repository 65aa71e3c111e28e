// GET /api/v1/projects/:projectId/runs?status=&type=&limit=&cursor= — a project's runs, newest first
import { NextResponse } from "next/server";
import { apiRoute, readQuery } from "@/lib/api/route";
import { requireJobAccess } from "@/lib/auth/access";
import { listRunsQuerySchema } from "@/lib/jobs/schemas";
import { listRuns, toApiRun } from "@/lib/jobs/runs";

export const GET = apiRoute<{ projectId: string }>(async ({ request, user, params }) => {
  const { project } = await requireJobAccess(user.id, params.projectId);
  const query = readQuery(request, listRunsQuerySchema);
  const { runs, nextCursor } = await listRuns({ projectId: project.id, ...query });
  return NextResponse.json({ runs: runs.map(toApiRun), nextCursor });
});
