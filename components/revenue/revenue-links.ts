// The Revenue page's state as it lives in the URL (?status=&access=&source=&cursor=), defaults left
// out, so a filtered list of app users can be shared and bookmarked. Pure: server and browser.
import type { AccessFilter } from "@/lib/revenue/types";

export const accessFilters = ["any", "yes", "no"] as const satisfies readonly AccessFilter[];

export const accessFilterLabels: Record<AccessFilter, string> = { any: "Any access", yes: "Has access", no: "No access" };

/** The media-source value in the URL for users without one (no media source is spelt so). */
export const NO_SOURCE = "(none)";

export interface AppUserFilterValues {
  /** A subscription status; undefined is every status. */
  status?: string;
  access: AccessFilter;
  /** A media source; null keeps users without one, undefined every user. */
  source?: string | null;
  cursor?: string;
}

export const sourceParam = (source: string | null) => source ?? NO_SOURCE;
export const sourceOfParam = (param: string) => (param === NO_SOURCE ? null : param);

export function revenueHref(projectSlug: string, values: Partial<AppUserFilterValues> = {}): string {
  const query = new URLSearchParams();
  if (values.status) query.set("status", values.status);
  if (values.access && values.access !== "any") query.set("access", values.access);
  if (values.source !== undefined) query.set("source", sourceParam(values.source));
  if (values.cursor) query.set("cursor", values.cursor);
  return `/projects/${projectSlug}/revenue${query.size ? `?${query}` : ""}`;
}

/** Whether a filter narrows the app users. */
export const narrowed = (values: AppUserFilterValues) => values.status !== undefined || values.access !== "any" || values.source !== undefined;
