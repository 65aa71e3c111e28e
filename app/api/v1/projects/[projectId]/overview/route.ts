// GET /api/v1/projects/:projectId/overview?window=24h|7d — the project's health at a glance (the
// Overview tab): runs per hour by outcome, p50/p95 per type, running and queued, the lane, live
// workers → 200 { overview }
import { NextResponse } from "next/server";
import { getOverview } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await getOverview(actor, params.projectId, Object.fromEntries(request.nextUrl.searchParams.entries()))),
);
