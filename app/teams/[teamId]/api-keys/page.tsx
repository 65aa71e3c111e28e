// A team's API keys: create (shown once), list, revoke. Admins and owners only.
import type { Metadata } from "next";
import { ApiKeysView } from "@/components/settings/api-keys-view";
import { NotAllowed } from "@/components/ui/not-allowed";
import { listApiKeys } from "@/lib/auth/api-keys";
import { jobRoles } from "@/lib/auth/permissions";
import { teamPage } from "@/lib/auth/page-access";
import { appUrl } from "@/lib/env";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const { team, allowed } = await teamPage(teamId, `/teams/${teamId}/api-keys`, jobRoles);
  if (!allowed) return <NotAllowed title="API keys" message={`Only admins and owners of ${team.name} manage its API keys. Ask a team owner if you need one.`} />;
  const keys = await listApiKeys(team.id);
  return (
      <ApiKeysView
        team={team}
        serverUrl={appUrl()}
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          permissions: key.permissions,
          createdBy: key.createdBy?.name ?? key.createdBy?.email ?? "Server owner (admin CLI)",
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
          revokedAt: key.revokedAt?.toISOString() ?? null,
        }))}
      />
  );
}
