// GET /api/v1/runs/:runId — one run of a project the caller may use jobs in
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { requireRunAccess } from "@/lib/auth/access";
import { toApiRun } from "@/lib/jobs/runs";

export const GET = apiRoute<{ runId: string }>(async ({ user, params }) => {
  const run = await requireRunAccess(user.id, params.runId);
  return NextResponse.json({ run: toApiRun(run) });
});
