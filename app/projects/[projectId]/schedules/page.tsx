// A project's schedules: each scheduled job type with its cron or interval in words, the next run,
// the last scheduled run and skipped occurrences; lane types' intervals are set here.
import type { Metadata } from "next";
import { SchedulesView } from "@/components/schedules/schedules-view";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { NotAllowed } from "@/components/ui/not-allowed";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { scheduleOverview } from "@/lib/dashboard/schedule-overview";

export const metadata: Metadata = { title: "Schedules" };

export default async function SchedulesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/schedules`);
  if (!can(access, "jobs:read")) return <NotAllowed title="Schedules" message="Schedules need the admin or owner role in this team." />;
  return (
    <>
      <AutoRefresh />
      <SchedulesView project={access.project} schedules={await scheduleOverview(access.project.id)} canManage={can(access, "jobs:write")} />
    </>
  );
}
