// GET /api/v1/runs/:runId — one run → { run }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireRun } from "@/lib/auth/access";
import { toApiRun } from "@/lib/jobs/runs";

export const GET = apiRoute<{ runId: string }>(async ({ actor, params }) => {
  return NextResponse.json({ run: toApiRun(await requireRun(actor, params.runId, "jobs:read")) });
});
