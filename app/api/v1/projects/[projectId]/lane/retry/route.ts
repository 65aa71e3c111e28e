// POST /api/v1/projects/:projectId/lane/retry — run the failed lane work again, first → 202 { run }
import { NextResponse } from "next/server";
import { retryLane } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const POST = apiRoute<{ projectId: string }>(async ({ actor, params }) => NextResponse.json(await retryLane(actor, params.projectId), { status: 202 }));
