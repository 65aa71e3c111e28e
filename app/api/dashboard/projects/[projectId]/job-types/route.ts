// GET /api/dashboard/projects/:projectId/job-types — the Tasks page's job types with last run,
// active run and recent success rate; 304 when neither the project's runs nor its schedules changed.
import { etagOf, jsonWithEtag, notModified } from "@/lib/api/conditional";
import { apiRoute } from "@/lib/api/route";
import { findProject } from "@/lib/auth/access";
import { dashboardJobTypes } from "@/lib/dashboard/job-types";
import { projectJobTypes } from "@/lib/jobs/job-types";
import { runsVersion } from "@/lib/jobs/runs";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const access = await findProject(actor, params.projectId);
  // The cards show each type's effective schedule, which changes without any run changing (an
  // interval set, an app added that a cron now reaches).
  const types = await projectJobTypes(access.project.id);
  const schedules = types.map(({ api }) => [api.type, api.schedule]);
  const etag = etagOf("job-types", access.project.id, access.permissions, schedules, await runsVersion(access.project.id));
  return notModified(request, etag) ?? jsonWithEtag({ jobTypes: await dashboardJobTypes(access, types) }, etag);
});
