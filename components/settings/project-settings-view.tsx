// A project's settings page: its apps and the services its jobs talk to.
import { PageHeader } from "@/components/ui/page-header";
import type { AppView } from "@/lib/apps/apps";
import type { IntegrationView } from "@/lib/integrations/store";
import { AppsSection } from "./apps-section";
import { IntegrationsSection } from "./integrations-section";

interface ProjectSettingsViewProps {
  project: { id: string; slug: string; name: string };
  apps: AppView[];
  integrations: IntegrationView[];
  canManage: boolean;
}

export function ProjectSettingsView({ project, apps, integrations, canManage }: ProjectSettingsViewProps) {
  return (
    <div className="space-y-10">
      <PageHeader title="Settings" description={`How ${project.name} is set up for its jobs.`} />
      <AppsSection project={project} apps={apps} canManage={canManage} />
      <IntegrationsSection project={project} integrations={integrations} canManage={canManage} />
    </div>
  );
}
