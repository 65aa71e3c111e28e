// GET /api/dashboard/runs/:runId — the run detail page: the run and its retry links; 304 when
// nothing in the run's project changed.
import { etagOf, jsonWithEtag, notModified } from "@/lib/api/conditional";
import { apiRoute } from "@/lib/api/route";
import { requireRun } from "@/lib/auth/access";
import { dashboardRun } from "@/lib/dashboard/run";
import { runsVersion } from "@/lib/jobs/runs";

export const GET = apiRoute<{ runId: string }>(async ({ request, actor, params }) => {
  const run = await requireRun(actor, params.runId, "jobs:read");
  // Retries are other rows of the project, so the project's version covers them too.
  const etag = etagOf("run", run.id, await runsVersion(run.projectId!));
  return notModified(request, etag) ?? jsonWithEtag(await dashboardRun(run), etag);
});
