// GET /api/dashboard/runs/:runId — the run detail page: the run, its retry links and (owners) its
// stack; 304 when nothing in the run's project changed.
import { etagOf, jsonWithEtag, notModified } from "@/lib/api/conditional";
import { apiRoute } from "@/lib/api/route";
import { findProject, requireRun } from "@/lib/auth/access";
import { dashboardRun } from "@/lib/jobs/dashboard";
import { runsVersion } from "@/lib/jobs/runs";

export const GET = apiRoute<{ runId: string }>(async ({ request, actor, params }) => {
  const run = await requireRun(actor, params.runId, "jobs:read");
  const access = await findProject(actor, run.projectId!);
  // Retries are other rows of the project, so the project's version covers them too.
  const etag = etagOf("run", run.id, access.role, await runsVersion(access.project.id));
  return notModified(request, etag) ?? jsonWithEtag(await dashboardRun(run, access), etag);
});
