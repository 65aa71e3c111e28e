// GET /api/dashboard/projects/:projectId/picker-options?kind=locale|version|build|review&q=&reply=&cursor=&limit=
// — what the Run now form's pickers offer from the project's pulled App Store Connect data. Only
// for those who may run jobs (the form's only users); reviews are searched and paged here.
import { NextResponse } from "next/server";
import { apiRoute, readQuery } from "@/lib/api/route";
import { requireProject } from "@/lib/auth/access";
import { pickerOptions, pickerQuerySchema } from "@/lib/dashboard/picker-options";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  // The project first, so another team's project is a 404 whatever the query says.
  const access = await requireProject(actor, params.projectId, "jobs:write");
  const query = readQuery(request, pickerQuerySchema);
  return NextResponse.json(await pickerOptions(access.project.id, query), { headers: { "Cache-Control": "no-store" } });
});
