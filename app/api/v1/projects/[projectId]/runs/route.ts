// GET /api/v1/projects/:projectId/runs?status=&type=&from=&to=&limit=&cursor= — a project's runs,
// newest first. Answers 304 to If-None-Match when nothing in the project's runs changed.
import { listRunsPage, runsListAccess } from "@/lib/api/abilities";
import { jsonWithEtag, etagOf, notModified } from "@/lib/api/conditional";
import { apiRoute } from "@/lib/api/route";
import { runsVersion } from "@/lib/jobs/runs";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const { project, query } = await runsListAccess(actor, params.projectId, Object.fromEntries(request.nextUrl.searchParams.entries()));
  const etag = etagOf(project.id, query, await runsVersion(project.id));
  return notModified(request, etag) ?? jsonWithEtag(await listRunsPage(project.id, query), etag);
});
