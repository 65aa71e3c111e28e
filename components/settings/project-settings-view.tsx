// A project's settings page: its apps, the services its jobs talk to, the keys its apps send
// events with, how long it keeps them, and deleting it.
import { PageHeader } from "@/components/ui/page-header";
import type { AppView } from "@/lib/apps/apps";
import type { RetentionPolicyView } from "@/lib/events/retention-policy";
import type { IntegrationView } from "@/lib/integrations/store";
import type { DigestSettingsView } from "@/lib/issues/digest-settings";
import type { AiLocalesView } from "@/lib/translations/locales-settings";
import { AiLocalesSection } from "./ai-locales-section";
import { AppsSection } from "./apps-section";
import { DeleteProjectSection } from "./delete-project-section";
import { DigestSection } from "./digest-section";
import type { DeletedApp } from "./deleted-apps";
import type { IngestKeyRow } from "./ingest-key-table";
import { IngestKeysSection } from "./ingest-keys-section";
import { IntegrationsSection } from "./integrations-section";
import { RetentionSection } from "./retention-section";

interface ProjectSettingsViewProps {
  project: { id: string; slug: string; name: string };
  apps: AppView[];
  deletedApps: DeletedApp[];
  integrations: IntegrationView[];
  ingestKeys: IngestKeyRow[];
  retention: RetentionPolicyView;
  digest: DigestSettingsView;
  aiLocales: AiLocalesView;
  /** Days a deleted project, app or key stays restorable. */
  graceDays: number;
  serverUrl: string;
  canManage: boolean;
}

export function ProjectSettingsView({ project, apps, deletedApps, integrations, ingestKeys, retention, digest, aiLocales, graceDays, serverUrl, canManage }: ProjectSettingsViewProps) {
  return (
    <div className="space-y-10">
      <PageHeader title="Settings" description={`How ${project.name} is set up for its jobs and its events.`} />
      <AppsSection project={project} apps={apps} deletedApps={deletedApps} graceDays={graceDays} canManage={canManage} />
      <IntegrationsSection project={project} integrations={integrations} canManage={canManage} />
      <IngestKeysSection project={project} keys={ingestKeys} apps={apps} serverUrl={serverUrl} graceDays={graceDays} canManage={canManage} />
      <RetentionSection project={project} policy={retention} canManage={canManage} />
      <DigestSection project={project} digest={digest} canManage={canManage} />
      <AiLocalesSection project={project} settings={aiLocales} canManage={canManage} />
      {canManage && <DeleteProjectSection project={project} graceDays={graceDays} />}
    </div>
  );
}
