// App Store Connect's localization codes (INTEGRATIONS.md §7, fastlane's ALL_LANGUAGES): the 39
// long-standing ones and the 11 added in May 2026. Pure code: settings forms use it too.
import { z } from "zod";

export const appStoreLocales = [
  "ar-SA", "ca", "cs", "da", "de-DE", "el", "en-AU", "en-CA", "en-GB", "en-US", "es-ES", "es-MX", "fi", "fr-CA", "fr-FR", "he", "hi", "hr", "hu", "id",
  "it", "ja", "ko", "ms", "nl-NL", "no", "pl", "pt-BR", "pt-PT", "ro", "ru", "sk", "sv", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant",
  "bn-BD", "gu-IN", "kn-IN", "ml-IN", "mr-IN", "or-IN", "pa-IN", "sl-SI", "ta-IN", "te-IN", "ur-PK",
] as const;
export type AppStoreLocale = (typeof appStoreLocales)[number];

export function isAppStoreLocale(code: string): code is AppStoreLocale {
  return (appStoreLocales as readonly string[]).includes(code);
}

/** One App Store Connect locale code; anything else is refused naming the code. */
export const appStoreLocaleSchema = z.enum(appStoreLocales, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an App Store Connect locale (such as en-US, de-DE, ja, zh-Hans)`,
});
