// A translation's state, in the Store page's colours: green reached App Store Connect, amber waits
// for someone to push it, red failed.
import type { Translation } from "@/lib/analytics-views/types";

const tones = {
  pushed: "bg-emerald-50 text-emerald-700 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800",
  proposed: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800",
  failed: "bg-red-50 text-red-700 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
} as const;

export function translationStatusLabel({ status, dryRun }: Pick<Translation, "status" | "dryRun">): string {
  if (status === "pushed") return "Pushed";
  if (status === "failed") return "Failed";
  return dryRun ? "Proposal (dry run)" : "Proposal";
}

export function TranslationBadge({ translation }: { translation: Pick<Translation, "status" | "dryRun"> }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[translation.status]}`}>{translationStatusLabel(translation)}</span>;
}
