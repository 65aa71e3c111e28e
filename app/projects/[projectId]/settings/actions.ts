"use server";
// Server actions of the project settings page: add, edit and remove the project's apps.
import { z } from "zod";
import { createApp, deleteApp, updateApp } from "@/lib/apps/apps";
import { appInputSchema } from "@/lib/apps/schemas";
import { projectSettingsAction } from "@/lib/auth/action";

const appId = z.string({ error: "appId is required" }).max(100);

export const createAppAction = projectSettingsAction(appInputSchema, ({ access, input }) => createApp(access.project.id, input));

export const updateAppAction = projectSettingsAction(z.object({ appId, app: appInputSchema }).strict(), ({ access, input }) =>
  updateApp(access.project.id, input.appId, input.app),
);

export const deleteAppAction = projectSettingsAction(z.object({ appId }).strict(), async ({ access, input }) => {
  await deleteApp(access.project.id, input.appId);
  return { deleted: input.appId };
});
