// GET /api/v1/projects/:projectId/job-types — the project's job types with their params schemas
import { NextResponse } from "next/server";
import { listJobTypes } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute<{ projectId: string }>(async ({ actor, params }) => NextResponse.json(await listJobTypes(actor, params.projectId)));
