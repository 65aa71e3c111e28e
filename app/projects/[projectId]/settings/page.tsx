// A project's settings: its apps and its integrations (changed by admins; shown to every member).
import type { Metadata } from "next";
import { ProjectSettingsView } from "@/components/settings/project-settings-view";
import { listApps } from "@/lib/apps/apps";
import { projectPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";
import { listIntegrations } from "@/lib/integrations/store";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/settings`);
  const canManage = access.role !== null && jobRoles.includes(access.role);
  const [apps, integrations] = await Promise.all([listApps(access.project.id), listIntegrations(access.project.id)]);
  return <ProjectSettingsView project={access.project} apps={apps} integrations={integrations} canManage={canManage} />;
}
