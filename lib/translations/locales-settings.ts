// A project's AI locales (project settings): the App Store Connect locales
// generate_metadata_translations translates into when a run names none.
import { z } from "zod";
import { appStoreLocales, appStoreLocaleSchema } from "@/lib/appstore/locales";
import { prisma } from "@/lib/db/prisma";
import { invalid } from "@/lib/errors";

export const aiLocalesSettingsSchema = z.strictObject({
  locales: z
    .array(appStoreLocaleSchema, { error: "locales must be a list of App Store Connect locale codes" })
    .max(appStoreLocales.length, `locales can name at most ${appStoreLocales.length} locales`)
    .refine((locales) => new Set(locales).size === locales.length, "locales must not name a locale twice"),
});

export interface AiLocalesView {
  locales: string[];
  /** Every App Store Connect locale, for the settings form to offer. */
  available: readonly string[];
}

export async function aiLocalesSettings(projectId: string): Promise<AiLocalesView> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { aiLocales: true } });
  return { locales: project.aiLocales, available: appStoreLocales };
}

/** Replaces the project's AI locales; bad input is a 400 naming the locale and writes nothing. */
export async function updateAiLocales(projectId: string, input: unknown): Promise<AiLocalesView> {
  const parsed = aiLocalesSettingsSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Please correct the AI locales", parsed.error);
  // Kept in the list's order, so the settings page and runs show them the same way every time.
  const locales = appStoreLocales.filter((code) => parsed.data.locales.includes(code));
  await prisma.project.update({ where: { id: projectId }, data: { aiLocales: locales } });
  return { locales, available: appStoreLocales };
}
