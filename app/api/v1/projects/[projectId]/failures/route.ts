// GET /api/v1/projects/:projectId/failures?window=&page= — the project's failed runs grouped by
// type and error, most recently seen first (the Failures page) → 200 { groups, failures, … }
import { NextResponse } from "next/server";
import { listFailures } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
  NextResponse.json(await listFailures(actor, params.projectId, Object.fromEntries(request.nextUrl.searchParams.entries()))),
);
