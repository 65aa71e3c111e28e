// The four Standard reports pull_analytics stores (INTEGRATIONS.md §5), as stored: the report key in
// analytics_daily.report, the names App Store Connect may give it, the columns kept as dimensions
// and the measure columns with their snake_case keys (predict_analytics reads counts, sessions and
// proceeds_usd by these names). Columns not kept (app version, platform version…) are summed over.
import type { AnalyticsCategory } from "@/lib/appstore/analytics";

export type AnalyticsReportKey = "discovery_engagement" | "downloads" | "sessions" | "purchases";

export interface AnalyticsReportSpec {
  key: AnalyticsReportKey;
  label: string;
  category: AnalyticsCategory;
  /** Apple's names for it; Downloads goes by two. */
  names: readonly string[];
  /** Header names (normalized, lib/appstore/analytics-files.ts headerKey) kept as dimensions, in key order. */
  dimensions: readonly string[];
  /** Header name → measure key. */
  measures: Readonly<Record<string, string>>;
}

export const analyticsReports: readonly AnalyticsReportSpec[] = [
  {
    key: "discovery_engagement",
    label: "Discovery and Engagement",
    category: "APP_STORE_ENGAGEMENT",
    names: ["App Store Discovery and Engagement Standard"],
    dimensions: ["event", "page type", "source type", "engagement type", "device"],
    measures: { counts: "counts", "unique counts": "unique_counts" },
  },
  {
    key: "downloads",
    label: "Downloads",
    category: "COMMERCE",
    names: ["App Downloads Standard", "App Store Downloads Standard"],
    dimensions: ["download type", "source type", "page type", "pre-order", "device"],
    measures: { counts: "counts" },
  },
  {
    key: "sessions",
    label: "Sessions",
    category: "APP_USAGE",
    names: ["App Sessions Standard"],
    dimensions: ["source type", "page type", "device"],
    measures: { sessions: "sessions", "total session duration": "total_session_duration", "unique devices": "unique_devices" },
  },
  {
    key: "purchases",
    label: "Purchases",
    category: "COMMERCE",
    names: ["App Store Purchases Standard"],
    dimensions: ["purchase type", "content name", "payment method", "source type", "device"],
    // Paying Users is not summable across rows: summed over the columns not kept, it is an upper bound.
    measures: { purchases: "purchases", "proceeds in usd": "proceeds_usd", "sales in usd": "sales_usd", "paying users": "paying_users" },
  },
];

export const analyticsReportNames = analyticsReports.flatMap((report) => report.names);

export function reportSpecNamed(name: string): AnalyticsReportSpec | undefined {
  const wanted = name.trim().toLowerCase();
  return analyticsReports.find((report) => report.names.some((candidate) => candidate.toLowerCase() === wanted));
}
