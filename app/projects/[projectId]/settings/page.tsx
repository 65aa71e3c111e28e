// A project's settings: its apps, integrations, ingest keys, data retention and deletion (changed by
// admins; shown to every member, deletion only to admins).
import type { Metadata } from "next";
import { ProjectSettingsView } from "@/components/settings/project-settings-view";
import { purgeAt, SOFT_DELETE_GRACE_DAYS } from "@/lib/accounts/grace";
import { deletedApps } from "@/lib/accounts/soft-delete";
import { listApps } from "@/lib/apps/apps";
import { projectPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/env";
import { listIngestKeys } from "@/lib/events/ingest-keys";
import { retentionPolicy } from "@/lib/events/retention-policy";
import { listIntegrations } from "@/lib/integrations/store";
import { digestSettings } from "@/lib/issues/digest-settings";
import { aiLocalesSettings } from "@/lib/translations/locales-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/settings`);
  const canManage = access.role !== null && jobRoles.includes(access.role);
  const id = access.project.id;
  const [apps, removedApps, integrations, ingestKeys, retention, digest, aiLocales] = await Promise.all([
    listApps(id),
    deletedApps(id),
    listIntegrations(id),
    listIngestKeys(id),
    retentionPolicy(id),
    digestSettings(id),
    aiLocalesSettings(id),
  ]);
  return (
    <ProjectSettingsView
      project={access.project}
      apps={apps}
      deletedApps={removedApps}
      integrations={integrations}
      ingestKeys={ingestKeys.map((key) => ({ ...key, purgeAt: key.deletedAt ? purgeAt(new Date(key.deletedAt)).toISOString() : null }))}
      retention={retention}
      digest={digest}
      aiLocales={aiLocales}
      graceDays={SOFT_DELETE_GRACE_DAYS}
      serverUrl={appUrl()}
      canManage={canManage}
    />
  );
}
