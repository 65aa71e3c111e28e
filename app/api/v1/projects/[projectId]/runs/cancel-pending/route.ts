// POST /api/v1/projects/:projectId/runs/cancel-pending — cancel the project's pending runs (of one
// type, or all) → 200 { cancelled, stopping, leftOver }, or with dryRun { pending }
import { NextResponse } from "next/server";
import { z } from "zod";
import { cancelPending } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";

export const POST = apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await cancelPending(actor, params.projectId, await readJson(request, z.unknown()))),
);
