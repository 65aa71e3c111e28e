// GET /api/v1/projects/:projectId/runs?status=&type=&limit=&cursor= — a project's runs, newest first
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { apiRoute, readQuery } from "@/lib/api/route";
import { requireProject } from "@/lib/auth/access";
import { isProjectJobType } from "@/lib/jobs/job-types";
import { listRunsQuerySchema } from "@/lib/jobs/schemas";
import { listRuns, toApiRun } from "@/lib/jobs/runs";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:read");
  const query = readQuery(request, listRunsQuerySchema);
  if (query.type !== undefined && !isProjectJobType(query.type)) {
    throw new AppError("bad_request", `Unknown job type "${query.type}"`, { issues: [{ path: "type", message: "not a job type of this project" }] });
  }
  const { runs, nextCursor } = await listRuns({ projectId: project.id, ...query });
  return NextResponse.json({ runs: runs.map(toApiRun), nextCursor });
});
