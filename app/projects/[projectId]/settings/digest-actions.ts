"use server";
// Server action of the project settings page's "Issue digest" section: its cadence, for admins and owners.
import { projectSettingsAction } from "@/lib/auth/action";
import { digestSettingsSchema, updateDigestCadence } from "@/lib/issues/digest-settings";

export const updateDigestCadenceAction = projectSettingsAction(digestSettingsSchema, ({ access, input }) => updateDigestCadence(access.project.id, input.cadence));
