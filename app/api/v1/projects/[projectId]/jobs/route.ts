// POST /api/v1/projects/:projectId/jobs — trigger a project job → 202 { run }
import { NextResponse } from "next/server";
import { z } from "zod";
import { triggerJob } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";

// The body is JSON here and checked against the trigger schema once access is settled.
export const POST = apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await triggerJob(actor, params.projectId, await readJson(request, z.unknown())), { status: 202 }),
);
