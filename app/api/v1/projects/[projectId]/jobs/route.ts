// POST /api/v1/projects/:projectId/jobs — trigger a project job → 202 { run }
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route";
import { requireProject, triggerSource } from "@/lib/auth/access";
import { triggerBodySchema } from "@/lib/jobs/schemas";
import { jobs } from "@/lib/jobs/jobs";
import { toApiRun } from "@/lib/jobs/runs";

export const POST = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const { project } = await requireProject(actor, params.projectId, "jobs:write");
  const body = await readJson(request, triggerBodySchema);
  const run = await jobs.triggerFrom("project", { type: body.type, projectId: project.id, params: body.params, notify: body.notify, source: triggerSource(actor) });
  return NextResponse.json({ run: toApiRun(run) }, { status: 202 });
});
