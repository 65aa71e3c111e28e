"use server";
// Server actions of the project settings page: the project's apps, integrations, ingest keys,
// retention policy, and deleting the project.
import { z } from "zod";
import { restoreApp, softDeleteProject } from "@/lib/accounts/soft-delete";
import { createApp, deleteApp, updateApp } from "@/lib/apps/apps";
import { appInputSchema } from "@/lib/apps/schemas";
import { findTeamForUser } from "@/lib/auth/access";
import { projectSettingsAction } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { createIngestKey, createIngestKeySchema, deleteIngestKey, restoreIngestKey, revokeIngestKey } from "@/lib/events/ingest-keys";
import { retentionPolicySchema, updateRetentionPolicy } from "@/lib/events/retention-policy";
import { checkIntegration } from "@/lib/integrations/checks";
import { connectIntegration, disconnectIntegration } from "@/lib/integrations/connect";
import { integrationKinds } from "@/lib/integrations/kinds";

const appId = z.string({ error: "appId is required" }).max(100);

export const createAppAction = projectSettingsAction(appInputSchema, ({ access, input }) => createApp(access.project.id, input));

export const updateAppAction = projectSettingsAction(z.object({ appId, app: appInputSchema }).strict(), ({ access, input }) =>
  updateApp(access.project.id, input.appId, input.app),
);

export const deleteAppAction = projectSettingsAction(z.object({ appId }).strict(), async ({ access, input }) => {
  await deleteApp(access.project.id, input.appId);
  return { deleted: input.appId };
});

export const restoreAppAction = projectSettingsAction(z.object({ appId }).strict(), async ({ access, input }) => {
  await restoreApp(access.project.id, input.appId);
  return { restored: input.appId };
});

const kind = z.enum(integrationKinds, { error: `kind must be one of ${integrationKinds.join(", ")}` });

// The settings themselves are checked by the integration's own schemas (lib/integrations/kinds.ts).
export const saveIntegrationAction = projectSettingsAction(
  z.object({ kind, settings: z.record(z.string(), z.string().max(10_000), { error: "settings must be an object of texts" }) }).strict(),
  async ({ user, access, input }) => {
    const { integration, pullAll } = await connectIntegration(access.project.id, input.kind, input.settings, { userId: user.id, source: { kind: "user", userId: user.id } });
    return { integration, pullAllRunId: pullAll?.id ?? null };
  },
);

export const checkIntegrationAction = projectSettingsAction(z.object({ kind }).strict(), ({ access, input }) => checkIntegration(access.project.id, input.kind));

export const disconnectIntegrationAction = projectSettingsAction(z.object({ kind }).strict(), async ({ access, input }) => {
  await disconnectIntegration(access.project.id, input.kind);
  return { disconnected: input.kind };
});

// The key is returned in clear this once; only its hash is stored.
export const createIngestKeyAction = projectSettingsAction(createIngestKeySchema, async ({ user, access, input }) => {
  const { key, record } = await createIngestKey(access.project.id, user.id, input);
  return { key, name: record.name, prefix: record.prefix };
});

const keyId = z.object({ keyId: z.string({ error: "keyId is required" }).max(100) }).strict();

export const revokeIngestKeyAction = projectSettingsAction(keyId, async ({ access, input }) => {
  await revokeIngestKey(access.project.id, input.keyId);
  return { revoked: input.keyId };
});

export const deleteIngestKeyAction = projectSettingsAction(keyId, async ({ access, input }) => {
  await deleteIngestKey(access.project.id, input.keyId);
  return { deleted: input.keyId };
});

export const restoreIngestKeyAction = projectSettingsAction(keyId, async ({ access, input }) => {
  await restoreIngestKey(access.project.id, input.keyId);
  return { restored: input.keyId };
});

export const updateRetentionPolicyAction = projectSettingsAction(retentionPolicySchema, ({ access, input }) => updateRetentionPolicy(access.project.id, input));

// The typed name is checked here too, so no stray call deletes a project by accident.
export const deleteProjectAction = projectSettingsAction(z.object({ name: z.string({ error: "name is required" }).max(200) }).strict(), async ({ user, access, input }) => {
  if (input.name !== access.project.name) throw new AppError("bad_request", "Type the project's name to confirm", { issues: [{ path: "name", message: `type ${access.project.name} to confirm` }] });
  const { team } = await findTeamForUser(user, access.project.teamId);
  await softDeleteProject(access.project.id);
  return { deleted: access.project.id, team: { id: team.id, slug: team.slug } };
});
