// POST /api/v1/runs/:runId/retry — a new run of a failed or cancelled one → 202 { run } (retryOfId set)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireRunAccess } from "@/lib/auth/access";
import { toApiRun } from "@/lib/jobs/runs";
import { retryRun } from "@/lib/jobs/service";

export const POST = apiRoute<{ runId: string }>(async ({ user, params }) => {
  const run = await requireRunAccess(user.id, params.runId);
  return NextResponse.json({ run: toApiRun(await retryRun(run.id, user.id)) }, { status: 202 });
});
