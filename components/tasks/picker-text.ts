// How the Run now pickers word the pulled data, and which options a search keeps. Pure: the
// picker, the unit tests. Reviews are searched on the server; locales, versions and builds (a
// project has dozens) are filtered here as the user types.
import type { BuildOption, LocaleOption, ReviewOption, VersionOption } from "@/lib/dashboard/picker-options";
import type { ParamPicker } from "@/lib/jobs/definition";
import { localeName } from "@/components/analytics/format";
import { dayText, humanise, platformName, territoryName } from "@/components/store/format";

/** One line of a picker's list: the value written into params, and what the user reads. */
export interface PickerItem {
  value: string;
  primary: string;
  secondary: string;
}

/** What each picker's list is called, for screen readers and the empty state. */
export const pickerNouns: Record<ParamPicker, { plural: string; one: string }> = {
  locale: { plural: "Locales", one: "locale" },
  version: { plural: "Versions", one: "version" },
  build: { plural: "Builds", one: "build" },
  review: { plural: "Reviews", one: "review" },
};

export function localeItem(option: LocaleOption): PickerItem {
  const name = localeName(option.value);
  return { value: option.value, primary: name === option.value ? option.value : `${option.value} · ${name}`, secondary: option.versions.length > 0 ? `In ${option.versions.join(", ")}` : "" };
}

export function versionItem(option: VersionOption): PickerItem {
  const created = option.createdDate ? ` · created ${dayText(option.createdDate)}` : "";
  return { value: option.value, primary: option.value, secondary: `${humanise(option.state)} · ${platformName(option.platform)}${created}` };
}

export function buildItem(option: BuildOption): PickerItem {
  const parts = [option.version ? `Version ${option.version}` : "No version attached", option.uploadedDate ? `uploaded ${dayText(option.uploadedDate)}` : null, option.expired ? "Expired" : humanise(option.processingState)];
  return { value: option.value, primary: `Build ${option.value}`, secondary: parts.filter(Boolean).join(" · ") };
}

/** Whether an option keeps its place under the search: every word typed, anywhere in what it shows. */
export function matchesSearch(item: PickerItem, search: string): boolean {
  const text = `${item.value} ${item.primary} ${item.secondary}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** The start of a review's body for a list line: whole words, an ellipsis when cut. */
export function snippet(body: string | null, length = 120): string {
  const text = (body ?? "").replace(/\s+/g, " ").trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}

/** "4 stars · Love it · sunny12 · United States · Oct 30, 2026": what a screen reader hears for a review. */
export function reviewLine(review: ReviewOption): string {
  return [`${review.rating} stars`, review.title ?? "(no title)", review.reviewerNickname ?? "anonymous", territoryName(review.territory), dayText(review.createdDate)].join(" · ");
}

/** The reply state in the list: a support inbox reads "Answered" and "Awaiting publication". */
export function replyText(state: string | null): string | null {
  if (state === "PUBLISHED") return "Answered";
  if (state === "PENDING_PUBLISH") return "Answer awaiting publication";
  return null;
}
