// How the Store page words App Store data: country names, Apple's SCREAMING_CASE states, star
// averages and days. Pure: server and browser, and the unit tests.
import { alpha2OfTerritory } from "./territories";

const regions = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** "de" → "Germany"; a code Intl does not know stays as it is, upper-cased. */
export function countryName(alpha2: string): string {
  const code = alpha2.toUpperCase();
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/** App Store Connect's "GBR" → "United Kingdom". */
export function territoryName(alpha3: string): string {
  const code = alpha3.toUpperCase();
  const alpha2 = alpha2OfTerritory.get(code);
  return alpha2 ? countryName(alpha2) : code;
}

const platforms: Record<string, string> = { IOS: "iOS", MAC_OS: "macOS", TV_OS: "tvOS", VISION_OS: "visionOS", WATCH_OS: "watchOS" };

/** "READY_FOR_DISTRIBUTION" → "Ready for distribution". */
export function humanise(value: string): string {
  const words = value.toLowerCase().replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const platformName = (platform: string) => platforms[platform] ?? humanise(platform);

export type VersionTone = "live" | "review" | "waiting" | "rejected" | "draft" | "past";

/** What a version's state means for the team: on sale, with Apple, waiting on them, or done with. */
export function versionTone(state: string): VersionTone {
  if (["READY_FOR_DISTRIBUTION", "READY_FOR_SALE", "ACCEPTED"].includes(state)) return "live";
  if (["WAITING_FOR_REVIEW", "IN_REVIEW", "PROCESSING_FOR_DISTRIBUTION", "PROCESSING_FOR_APP_STORE"].includes(state)) return "review";
  if (["PENDING_DEVELOPER_RELEASE", "PENDING_APPLE_RELEASE", "WAITING_FOR_EXPORT_COMPLIANCE", "INVALID_BINARY"].includes(state)) return "waiting";
  if (state.includes("REJECTED")) return "rejected";
  if (["REPLACED_WITH_NEW_VERSION", "REMOVED_FROM_SALE", "DEVELOPER_REMOVED_FROM_SALE", "NOT_APPLICABLE"].includes(state)) return "past";
  return "draft";
}

/** 4.567 → "4.6" (one decimal, as the App Store shows it). */
export const ratingText = (average: number) => average.toFixed(1);

export const countText = (count: number, word: string) => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;

/** A day in UTC ("Mar 3, 2026"): the same on the server and in every browser. */
export const dayText = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
