// The Store page's state as it lives in the URL (?app=&rating=&reply=&cursor=), defaults left out,
// so a filtered list of reviews can be shared and bookmarked. Pure: server and browser.
import type { ReplyFilter } from "@/lib/store/types";

export const replyFilters = ["any", "replied", "pending", "none"] as const satisfies readonly ReplyFilter[];

export const replyFilterLabels: Record<ReplyFilter, string> = {
  any: "All reviews",
  replied: "Replied",
  pending: "Awaiting publication",
  none: "No reply",
};

export interface ReviewFilterValues {
  /** 1 to 5 stars; undefined is every rating. */
  rating?: number;
  reply: ReplyFilter;
  cursor?: string;
}

export function storeHref(projectSlug: string, appId?: string, values: Partial<ReviewFilterValues> = {}): string {
  const query = new URLSearchParams();
  if (appId) query.set("app", appId);
  if (values.rating) query.set("rating", String(values.rating));
  if (values.reply && values.reply !== "any") query.set("reply", values.reply);
  if (values.cursor) query.set("cursor", values.cursor);
  return `/projects/${projectSlug}/store${query.size ? `?${query}` : ""}`;
}

/** Whether a filter narrows the reviews. */
export const narrowed = (values: ReviewFilterValues) => Boolean(values.rating) || values.reply !== "any";
