// GET /api/v1/projects/:projectId/schedules — the project's schedules → 200 { schedules }
// PUT /api/v1/projects/:projectId/schedules — set or clear a type's interval → 200 { schedule }
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route";
import { requireProject } from "@/lib/auth/access";
import { listProjectSchedules, updateProjectSchedule } from "@/lib/jobs/project-schedules";
import { putScheduleBodySchema } from "@/lib/jobs/schemas";

export const GET = apiRoute<{ projectId: string }>(async ({ actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:read");
  return NextResponse.json({ schedules: await listProjectSchedules(project.id) });
});

export const PUT = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:write");
  const body = await readJson(request, putScheduleBodySchema);
  return NextResponse.json({ schedule: await updateProjectSchedule(project.id, body) });
});
