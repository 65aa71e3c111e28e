// generate_metadata_translations' steps: the version being prepared and its source localization,
// then one locale after another: translated (translate.ts), pushed to App Store Connect (PATCH of
// the locale's localization, or POST when the version has none) unless it is a dry run, and its
// outcome stored in metadata_translations. A locale that fails does not stop the others; an AI
// provider that refuses outright (a wrong key, a spent quota) fails the run, as every locale would.
import { createLocalization, findVersion, listLocalizations, updateLocalization } from "@/lib/appstore/api";
import type { AppStoreSession } from "@/lib/appstore/client";
import { AppStoreConnectError } from "@/lib/appstore/errors";
import { metadataFieldList } from "@/lib/appstore/params";
import { saveLocalizations, saveVersion } from "@/lib/appstore/store";
import type { AppStoreVersion } from "@/lib/appstore/types";
import { prisma } from "@/lib/db/prisma";
import { openAiProvider, type AiProvider } from "@/lib/integrations/ai-provider";
import type { ProjectJobContext } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import type { TranslatedFields } from "./limits";
import type { GenerateTranslationsParams } from "./params";
import { translateLocale } from "./translate";

export interface TranslationsResult {
  version: string;
  sourceLocale: string;
  dryRun: boolean;
  /** Locales pushed (or, in a dry run, proposed). */
  translated: string[];
  failed: Array<{ locale: string; reason: string }>;
}

/** The project's AI provider, or a clear error saying where to connect one. */
export async function requireAiProvider(context: ProjectJobContext): Promise<AiProvider> {
  const ai = await openAiProvider(context, {
    onRetry: (waitMs, error) => context.progress({ message: `The AI provider answered ${error.status}, waiting ${Math.ceil(waitMs / 1000)}s` }),
  });
  if (!ai) throw new Error("No AI provider is connected to this project: connect one under Integrations in the project's settings");
  return ai;
}

/** The run's target locales: the ones named, else the project's AI locales (never the source). */
export async function targetLocales(projectId: string, params: GenerateTranslationsParams): Promise<string[]> {
  if (params.targetLocales) return [...new Set(params.targetLocales)];
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { aiLocales: true } });
  const locales = project.aiLocales.filter((locale) => locale !== params.sourceLocale);
  if (locales.length === 0) throw new Error("No target locales: name targetLocales, or choose the project's AI locales in project settings");
  return locales;
}

async function sourceText(session: AppStoreSession, version: AppStoreVersion, params: GenerateTranslationsParams): Promise<TranslatedFields> {
  const versionString = version.attributes.versionString;
  const [source] = await listLocalizations(session.client, version.id, params.sourceLocale);
  if (!source) throw new Error(`Version ${versionString} has no ${params.sourceLocale} localization in App Store Connect to translate from`);
  // Fields empty in the source have nothing to translate.
  const fields = Object.fromEntries(params.fields.flatMap((field) => (source.attributes[field]?.trim() ? [[field, source.attributes[field]!]] : []))) as TranslatedFields;
  if (Object.keys(fields).length === 0) throw new Error(`The ${params.sourceLocale} localization of ${versionString} has no ${metadataFieldList(params.fields, "or")} to translate`);
  return fields;
}

export async function generateTranslations(session: AppStoreSession, ai: AiProvider, params: GenerateTranslationsParams, locales: string[], context: ProjectJobContext): Promise<TranslationsResult> {
  const total = locales.length + 1;
  context.progress({ processed: 0, total, message: "Finding the version being prepared" });
  const version = await findVersion(session.client, session.appId);
  const versionString = version.attributes.versionString;
  const source = await sourceText(session, version, params);
  const existing = new Map((await listLocalizations(session.client, version.id)).map((localization) => [localization.attributes.locale, localization]));
  const localVersionId = params.dryRun ? null : await saveVersion(session.projectId, version);
  const result: TranslationsResult = { version: versionString, sourceLocale: params.sourceLocale, dryRun: params.dryRun, translated: [], failed: [] };
  const record = (locale: string, fields: TranslatedFields, status: "proposed" | "pushed" | "failed", reason: string | null = null) =>
    prisma.metadataTranslation.create({
      data: { projectId: session.projectId, runId: context.runId, versionAscId: version.id, versionString, sourceLocale: params.sourceLocale, locale, fields, status, reason, dryRun: params.dryRun, pushedAt: status === "pushed" ? new Date() : null },
    });

  for (const [index, locale] of locales.entries()) {
    if (context.isCancelled()) break;
    context.progress({ processed: index + 1, total, message: `Translating ${versionString} into ${locale} (${index + 1} of ${locales.length})` });
    const translation = await translateLocale(ai, { sourceLocale: params.sourceLocale, targetLocale: locale, source });
    if (!translation.ok) {
      result.failed.push({ locale, reason: translation.reason });
      await record(locale, translation.fields, "failed", translation.reason);
      continue;
    }
    if (params.dryRun) {
      result.translated.push(locale);
      await record(locale, translation.fields, "proposed");
      continue;
    }
    try {
      const current = existing.get(locale);
      const pushed = current ? await updateLocalization(session.client, current.id, translation.fields) : await createLocalization(session.client, version.id, locale, translation.fields);
      await saveLocalizations(session.projectId, localVersionId!, [pushed]);
      result.translated.push(locale);
      await record(locale, translation.fields, "pushed");
    } catch (error) {
      // Apple refusing one locale (a rule the sandbox or Apple enforces) leaves the others to go on.
      if (!(error instanceof AppStoreConnectError) || error.status === 401 || error.status === 429) throw error;
      result.failed.push({ locale, reason: error.message });
      await record(locale, translation.fields, "failed", error.message);
    }
  }

  const done = result.translated.length;
  context.progress({ processed: total, total, message: `${params.dryRun ? "Proposed" : "Pushed"} ${done} of ${plural(locales.length, "translation")} of ${versionString}${result.failed.length ? `; ${result.failed.length} failed` : ""}` });
  if (locales.length > 0 && result.failed.length === locales.length) {
    throw new Error(`Every locale failed: ${result.failed.map((failure) => `${failure.locale}: ${failure.reason}`).join("; ")}`);
  }
  return result;
}
