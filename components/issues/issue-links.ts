// The issues list's filters as they live in the URL (?status=&environment=&appVersion=&q=&cursor=),
// defaults left out, so a filtered list can be shared and bookmarked. Pure: server and browser.
import type { IssueStatusName } from "@/lib/issues/schemas";

/** "open" (new and regressed) is the default; "all" is every status. */
export type IssueStatusFilter = IssueStatusName | "open" | "all";

export interface IssueFilterValues {
  status: IssueStatusFilter;
  environment: "production" | "any";
  appVersion?: string;
  q?: string;
  cursor?: string;
}

export const defaultIssueFilters: IssueFilterValues = { status: "open", environment: "any" };

export function issuesHref(projectSlug: string, values: Partial<IssueFilterValues> = {}): string {
  const query = new URLSearchParams();
  if (values.status && values.status !== "open") query.set("status", values.status);
  if (values.environment === "production") query.set("environment", "production");
  if (values.appVersion) query.set("appVersion", values.appVersion);
  if (values.q) query.set("q", values.q);
  if (values.cursor) query.set("cursor", values.cursor);
  return `/projects/${projectSlug}/issues${query.size ? `?${query}` : ""}`;
}

/** Whether anything but the default status narrows the list. */
export const narrowed = (values: IssueFilterValues) => values.environment === "production" || Boolean(values.appVersion || values.q);
