"use server";
// Server actions of the project settings page: the project's apps and its integrations.
import { z } from "zod";
import { createApp, deleteApp, updateApp } from "@/lib/apps/apps";
import { appInputSchema } from "@/lib/apps/schemas";
import { projectSettingsAction } from "@/lib/auth/action";
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
