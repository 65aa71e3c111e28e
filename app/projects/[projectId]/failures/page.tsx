// A project's failures, grouped by job type and error message.
import type { Metadata } from "next";
import { FailuresView } from "@/components/failures/failures-view";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { NotAllowed } from "@/components/ui/not-allowed";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { failureGroups, failureWindows, type FailureWindow } from "@/lib/jobs/failures";

export const metadata: Metadata = { title: "Failures" };

export default async function FailuresPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ window?: string; page?: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/failures`);
  if (!can(access, "jobs:read")) return <NotAllowed title="Failures" message="Failed runs need the admin or owner role in this team." />;
  const requested = await searchParams;
  const window: FailureWindow = requested.window && Object.hasOwn(failureWindows, requested.window) ? (requested.window as FailureWindow) : "30d";
  // Anything but a page number reads as the first page, as an unknown window reads as 30 days.
  const page = /^[1-9][0-9]{0,5}$/.test(requested.page ?? "") ? Number(requested.page) : 1;
  return (
    <>
      <AutoRefresh />
      <FailuresView project={access.project} failures={await failureGroups(access.project.id, window, page)} window={window} canManage={can(access, "jobs:write")} />
    </>
  );
}
