"use server";
// Server action of the project settings page's "AI locales" section: the locales metadata is translated into, for admins and owners.
import { projectSettingsAction } from "@/lib/auth/action";
import { aiLocalesSettingsSchema, updateAiLocales } from "@/lib/translations/locales-settings";

export const updateAiLocalesAction = projectSettingsAction(aiLocalesSettingsSchema, ({ access, input }) => updateAiLocales(access.project.id, input));
