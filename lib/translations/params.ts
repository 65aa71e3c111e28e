// Params of generate_metadata_translations: what to translate from and into, which fields, and
// whether to push. Target locales default to the project's AI locales (project settings).
import { z } from "zod";
import { appStoreLocaleSchema } from "@/lib/appstore/locales";
import { translatableFields } from "./limits";

export const generateTranslationsParamsSchema = z
  .object({
    sourceLocale: appStoreLocaleSchema.default("en-US").describe("The localization to translate from, e.g. en-US").meta({ title: "Source locale" }),
    targetLocales: z
      .array(appStoreLocaleSchema, { error: "targetLocales must be a list of App Store Connect locales" })
      .min(1, "targetLocales must name at least one locale (or leave it out for the project's AI locales)")
      .optional()
      .describe("Locales to translate into (default: the project's AI locales from project settings)")
      .meta({ title: "Target locales" }),
    fields: z
      .array(z.enum(translatableFields, { error: `fields must be among ${translatableFields.join(", ")}` }))
      .min(1, "fields must name at least one field")
      .default([...translatableFields])
      .describe(`The metadata to translate (default: ${translatableFields.join(", ")})`),
    dryRun: z.boolean({ error: "dryRun must be true or false" }).default(false).describe("Store the proposed translations and push nothing to App Store Connect").meta({ title: "Dry run" }),
  })
  .strict()
  .refine((params) => !params.targetLocales?.includes(params.sourceLocale), { message: "targetLocales must not include the source locale", path: ["targetLocales"] });

export type GenerateTranslationsParams = z.output<typeof generateTranslationsParamsSchema>;
