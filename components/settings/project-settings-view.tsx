// A project's settings page. Its apps today; the project's integrations join them here.
import { PageHeader } from "@/components/ui/page-header";
import type { AppView } from "@/lib/apps/apps";
import { AppsSection } from "./apps-section";

export function ProjectSettingsView({ project, apps, canManage }: { project: { id: string; slug: string; name: string }; apps: AppView[]; canManage: boolean }) {
  return (
    <div className="space-y-8">
      <PageHeader title="Settings" description={`How ${project.name} is set up for its jobs.`} />
      <AppsSection project={project} apps={apps} canManage={canManage} />
    </div>
  );
}
