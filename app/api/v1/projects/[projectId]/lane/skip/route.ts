// POST /api/v1/projects/:projectId/lane/skip — drop the failed lane work and resume → 200 { lane }
import { NextResponse } from "next/server";
import { skipLane } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const POST = apiRoute<{ projectId: string }>(async ({ actor, params }) => NextResponse.json(await skipLane(actor, params.projectId)));
