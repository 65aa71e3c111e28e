// A project's runs: newest first, filtered by status, type and time range (kept in the URL), with
// live progress and "Load more".
import type { Metadata } from "next";
import { RunsView } from "@/components/runs/runs-view";
import { NotAllowed } from "@/components/ui/not-allowed";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { catalog } from "@/lib/jobs/catalog";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/runs`);
  if (!can(access, "jobs:read")) return <NotAllowed title="Runs" message="Runs need the admin or owner role in this team." />;
  return <RunsView project={access.project} jobTypes={catalog.projectTypes().map(({ type, label }) => ({ type, label }))} canManage={can(access, "jobs:write")} />;
}
