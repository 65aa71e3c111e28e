// POST /api/v1/runs/:runId/retry — retry a failed or cancelled run as a new run → 202 { run }
import { NextResponse } from "next/server";
import { retryRun } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const POST = apiRoute<{ runId: string }>(async ({ actor, params }) => NextResponse.json(await retryRun(actor, params.runId), { status: 202 }));
