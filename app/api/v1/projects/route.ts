// GET /api/v1/projects — the projects the caller can see → { projects: [{ id, slug, name, teamId }] }
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { visibleProjects } from "@/lib/auth/access";

export const GET = apiRoute(async ({ actor }) => NextResponse.json({ projects: await visibleProjects(actor) }));
