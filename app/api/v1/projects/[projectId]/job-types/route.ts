// GET /api/v1/projects/:projectId/job-types — the project's job types with their params schemas
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { findProject } from "@/lib/auth/access";
import { projectJobTypes } from "@/lib/jobs/job-types";

// The catalog is visible to every member of the project's team; running jobs needs more.
export const GET = apiRoute<{ projectId: string }>(async ({ actor, params }) => {
  const { project } = await findProject(actor, params.projectId);
  return NextResponse.json({ jobTypes: (await projectJobTypes(project.id)).map(({ api }) => api) });
});
