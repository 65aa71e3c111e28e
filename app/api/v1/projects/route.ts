// GET /api/v1/projects — the projects the caller can see → { projects: [{ id, slug, name, teamId }] }
import { NextResponse } from "next/server";
import { listProjects } from "@/lib/api/abilities";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(async ({ actor }) => NextResponse.json(await listProjects(actor)));
