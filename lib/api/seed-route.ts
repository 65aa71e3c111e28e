// The seed's named routes (PRODUCT.md "REST API v1"): each is the same as triggering its type for
// the project through …/jobs (202 { run }, 409 on overlap, the same permissions), under the name
// the seed gave it.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route";
import { requireProject, triggerSource } from "@/lib/auth/access";
import { jobs } from "@/lib/jobs/jobs";
import { toApiRun } from "@/lib/jobs/runs";
import { seedTriggerBodySchema } from "@/lib/jobs/schemas";

export function seedTriggerRoute(type: string) {
  return apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
    const { project } = await requireProject(actor, params.projectId, "jobs:write");
    const body = await readJson(request, seedTriggerBodySchema);
    const run = await jobs.triggerFrom("project", { type, projectId: project.id, notify: body.notify, source: triggerSource(actor) });
    return NextResponse.json({ run: toApiRun(run) }, { status: 202 });
  });
}
