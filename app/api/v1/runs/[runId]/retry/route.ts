// POST /api/v1/runs/:runId/retry — retry a failed or cancelled run as a new run → 202 { run }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { actorAttribution, requireRun } from "@/lib/auth/access";
import { jobs } from "@/lib/jobs/jobs";
import { toApiRun } from "@/lib/jobs/runs";

export const POST = apiRoute<{ runId: string }>(async ({ actor, params }) => {
  const run = await requireRun(actor, params.runId, "jobs:write");
  return NextResponse.json({ run: toApiRun(await jobs.retry(run.id, actorAttribution(actor))) }, { status: 202 });
});
