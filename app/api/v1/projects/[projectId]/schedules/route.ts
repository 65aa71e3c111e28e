// GET /api/v1/projects/:projectId/schedules — the project's schedules → 200 { schedules }
// PUT /api/v1/projects/:projectId/schedules — set or clear a type's interval → 200 { schedule }
import { NextResponse } from "next/server";
import { z } from "zod";
import { listSchedules, setSchedule } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";

export const GET = apiRoute<{ projectId: string }>(async ({ actor, params }) => NextResponse.json(await listSchedules(actor, params.projectId)));

export const PUT = apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await setSchedule(actor, params.projectId, await readJson(request, z.unknown()))),
);
