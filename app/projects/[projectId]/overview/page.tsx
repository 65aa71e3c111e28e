// A project's overview, the first tab for those who may read runs: health at a glance.
import type { Metadata } from "next";
import { OverviewView } from "@/components/overview/overview-view";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { NotAllowed } from "@/components/ui/not-allowed";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { overviewWindows, projectOverview, type OverviewWindow } from "@/lib/jobs/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ window?: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/overview`);
  if (!can(access, "jobs:read")) return <NotAllowed title="Overview" message="The overview is made of runs, which need the admin or owner role in this team." />;
  const requested = (await searchParams).window;
  // An unknown window reads as 24 hours, as an unknown Failures window reads as 30 days.
  const window: OverviewWindow = requested && Object.hasOwn(overviewWindows, requested) ? (requested as OverviewWindow) : "24h";
  return (
    <>
      <AutoRefresh everyMs={15_000} />
      <OverviewView project={access.project} overview={await projectOverview(access.project.id, window)} />
    </>
  );
}
