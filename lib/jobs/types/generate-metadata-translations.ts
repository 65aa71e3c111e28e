// generate_metadata_translations (StorePush "Generate Metadata Translations"): the version being
// prepared, translated by the project's AI provider into its AI locales and pushed.
import { defineJobType } from "@/lib/jobs/definition";
import { generateTranslationsParamsSchema } from "@/lib/translations/params";

export const generateMetadataTranslations = defineJobType({
  type: "generate_metadata_translations",
  label: "Generate Metadata Translations",
  scope: "project",
  ordering: "lane",
  description: "Translates metadata to AI-configured locales.",
  paramsSchema: generateTranslationsParamsSchema,
});
