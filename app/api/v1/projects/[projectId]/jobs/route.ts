// POST /api/v1/projects/:projectId/jobs — trigger a project job → 202 { run }
import { NextResponse } from "next/server";
import { triggerJob } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";
import { triggerBodySchema } from "@/lib/jobs/schemas";

export const POST = apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await triggerJob(actor, params.projectId, await readJson(request, triggerBodySchema)), { status: 202 }),
);
