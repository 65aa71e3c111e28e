// GET /api/v1/projects/:projectId/runs?status=&type=&from=&to=&limit=&cursor= — a project's runs,
// newest first. Answers 304 to If-None-Match when nothing in the project's runs changed.
import { AppError } from "@/lib/errors";
import { jsonWithEtag, etagOf, notModified } from "@/lib/api/conditional";
import { apiRoute, readQuery } from "@/lib/api/route";
import { requireProject } from "@/lib/auth/access";
import { isProjectJobType } from "@/lib/jobs/job-types";
import { listRunsQuerySchema } from "@/lib/jobs/schemas";
import { listRuns, runsVersion, toApiRun } from "@/lib/jobs/runs";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:read");
  const query = readQuery(request, listRunsQuerySchema);
  if (query.type !== undefined && !isProjectJobType(query.type)) {
    throw new AppError("bad_request", `Unknown job type "${query.type}"`, { issues: [{ path: "type", message: "not a job type of this project" }] });
  }
  const etag = etagOf(project.id, query, await runsVersion(project.id));
  const unchanged = notModified(request, etag);
  if (unchanged) return unchanged;
  const { runs, nextCursor } = await listRuns({ projectId: project.id, ...query });
  return jsonWithEtag({ runs: runs.map(toApiRun), nextCursor }, etag);
});
