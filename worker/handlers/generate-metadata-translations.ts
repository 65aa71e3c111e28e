// generate_metadata_translations (StorePush "Generate Metadata Translations"): the version being
// prepared translated into the target locales by the project's AI provider and pushed to App Store
// Connect, locale by locale (lib/translations/generate.ts). The run fails only when every locale did.
import { connectAppStore } from "@/lib/integrations/app-store";
import type { JobHandler } from "@/lib/jobs/handler";
import { generateTranslations, requireAiProvider, targetLocales } from "@/lib/translations/generate";

const generateMetadataTranslations: JobHandler<"generate_metadata_translations"> = async (params, context) => {
  // The cheap, clear refusals first: no AI provider, no locales to translate into.
  const ai = await requireAiProvider(context);
  const locales = await targetLocales(context.project.id, params);
  const session = await connectAppStore(context);
  return generateTranslations(session, ai, params, locales, context);
};

export default generateMetadataTranslations;
