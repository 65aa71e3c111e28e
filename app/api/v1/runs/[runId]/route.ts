// GET /api/v1/runs/:runId — one run of a project the caller may use jobs in
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { requireJobAccess, teamIdsOfUser } from "@/lib/auth/access";
import { getRunForTeams, toApiRun } from "@/lib/jobs/runs";
import { uuidSchema } from "@/lib/jobs/schemas";

export const GET = apiRoute<{ runId: string }>(async ({ user, params }) => {
  // A malformed id cannot name any run: answer like an unknown one.
  if (!uuidSchema.safeParse(params.runId).success) throw new AppError("not_found", "Run not found");
  const run = await getRunForTeams(params.runId, await teamIdsOfUser(user.id));
  // Members see that the run exists (it is their team's) but jobs need admin or owner.
  await requireJobAccess(user.id, run.projectId!);
  return NextResponse.json({ run: toApiRun(run) });
});
