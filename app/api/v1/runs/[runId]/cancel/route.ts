// POST /api/v1/runs/:runId/cancel — cancel a pending run now, or ask a running one to stop → 200 { run }
import { NextResponse } from "next/server";
import { cancelRun } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const POST = apiRoute<{ runId: string }>(async ({ actor, params }) => NextResponse.json(await cancelRun(actor, params.runId)));
