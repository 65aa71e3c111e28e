// GET /api/v1/runs/:runId/logs?after=&limit= — a run's log lines, oldest first →
// { logs, nextCursor, hasMore, runStatus, complete }. Follow a running run by asking again with
// after=nextCursor until complete is true.
import { NextResponse } from "next/server";
import { getRunLogs } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute<{ runId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await getRunLogs(actor, params.runId, Object.fromEntries(request.nextUrl.searchParams.entries()))),
);
