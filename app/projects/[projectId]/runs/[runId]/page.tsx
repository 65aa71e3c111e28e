// One run: timeline, params, progress, result, error, who or what triggered it, its retries, and
// Cancel / Retry.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunDetailView } from "@/components/runs/run-detail-view";
import { NotAllowed } from "@/components/ui/not-allowed";
import { AppError } from "@/lib/errors";
import { can, requireRun, userActor } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { dashboardRun } from "@/lib/dashboard/run";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const { user, access } = await projectPage(projectId, `/projects/${projectId}/runs/${runId}`);
  if (!can(access, "jobs:read")) return <NotAllowed title="Run" message="Runs need the admin or owner role in this team." />;
  const run = await requireRun(userActor(user), runId, "jobs:read").catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  // A run of another project of the same team is shown under its own project's address only.
  if (run.projectId !== access.project.id) notFound();
  return <RunDetailView project={access.project} initial={await dashboardRun(run)} canManage={can(access, "jobs:write")} />;
}
