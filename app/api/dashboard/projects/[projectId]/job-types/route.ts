// GET /api/dashboard/projects/:projectId/job-types — the Tasks page's job types with last run,
// active run and recent success rate; 304 when the project's runs have not changed.
import { etagOf, jsonWithEtag, notModified } from "@/lib/api/conditional";
import { apiRoute } from "@/lib/api/route";
import { findProject } from "@/lib/auth/access";
import { prisma } from "@/lib/db/prisma";
import { dashboardJobTypes } from "@/lib/dashboard/job-types";
import { runsVersion } from "@/lib/jobs/runs";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const access = await findProject(actor, params.projectId);
  // The cards show the project's interval schedules too, which change without any run changing.
  const intervals = await prisma.projectSchedule.findMany({ where: { projectId: access.project.id }, select: { type: true, intervalMinutes: true }, orderBy: { type: "asc" } });
  const etag = etagOf("job-types", access.project.id, access.permissions, intervals, await runsVersion(access.project.id));
  return notModified(request, etag) ?? jsonWithEtag({ jobTypes: await dashboardJobTypes(access) }, etag);
});
