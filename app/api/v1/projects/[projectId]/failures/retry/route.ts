// POST /api/v1/projects/:projectId/failures/retry — retry every failed run of a failure group →
// 202 { bulkRetryId, planned, retried, leftOver }, or with dryRun 200 { planned, leftOver }
import { NextResponse } from "next/server";
import { z } from "zod";
import { retryFailureGroup } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";

export const POST = apiRoute<{ projectId: string }>(async ({ request, actor, params }) => {
  const answer = await retryFailureGroup(actor, params.projectId, await readJson(request, z.unknown()));
  return NextResponse.json(answer, { status: answer.dryRun ? 200 : 202 });
});
