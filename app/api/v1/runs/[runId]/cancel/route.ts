// POST /api/v1/runs/:runId/cancel — cancel a pending run now, or ask a running one to stop → 200 { run }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireRun } from "@/lib/auth/access";
import { jobs } from "@/lib/jobs/jobs";
import { toApiRun } from "@/lib/jobs/runs";

export const POST = apiRoute<{ runId: string }>(async ({ actor, params }) => {
  const run = await requireRun(actor, params.runId, "jobs:write");
  return NextResponse.json({ run: toApiRun(await jobs.cancel(run.id)) });
});
