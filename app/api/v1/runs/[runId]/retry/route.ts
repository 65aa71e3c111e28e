// POST /api/v1/runs/:runId/retry — retry a failed or cancelled run as a new run → 202 { run }. An
// empty body retries with the same params; `{ "params": {…} }` with changed ones.
import { NextResponse } from "next/server";
import { z } from "zod";
import { retryRun } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";

export const POST = apiRoute<{ runId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await retryRun(actor, params.runId, await readJson(request, z.unknown())), { status: 202 }),
);
