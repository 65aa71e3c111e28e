// GET /api/v1/projects/:projectId/lane — { lane: { paused, pausedByRunId, error, queued } }
import { NextResponse } from "next/server";
import { getLaneState } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute<{ projectId: string }>(async ({ actor, params }) => NextResponse.json(await getLaneState(actor, params.projectId)));
