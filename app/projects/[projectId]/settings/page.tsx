// A project's settings: its apps (added, edited and removed by admins; listed for every member).
import type { Metadata } from "next";
import { ProjectSettingsView } from "@/components/settings/project-settings-view";
import { listApps } from "@/lib/apps/apps";
import { projectPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/settings`);
  const canManage = access.role !== null && jobRoles.includes(access.role);
  return <ProjectSettingsView project={access.project} apps={await listApps(access.project.id)} canManage={canManage} />;
}
