// What the Revenue page shows: Apple Ads campaigns with their ad groups (lifetime figures, as Apple
// Ads Sync last read them) and RevenueCat's app users. Plain data (counts and amounts as numbers,
// dates as ISO strings), so components may import these types.

/** An Apple Ads campaign's or ad group's lifetime figures. Spend is in `currency`. */
export interface AdMetrics {
  impressions: number;
  taps: number;
  installs: number;
  spend: number;
  /** ISO 4217, as the org reports it; null when Apple sent none. */
  currency: string | null;
}

export interface AdGroupLifetime extends AdMetrics {
  adGroupId: string;
  name: string;
  status: string | null;
}

export interface AdCampaignLifetime extends AdMetrics {
  orgId: string;
  campaignId: string;
  name: string;
  status: string | null;
  /** The project's app the campaign promotes, when Apple Ads Sync matched its adamId to one. */
  app: { id: string; name: string } | null;
  adamId: string;
  /** Most spend first. */
  adGroups: AdGroupLifetime[];
}

export interface AdCampaigns {
  /** Most spend first. */
  campaigns: AdCampaignLifetime[];
  /** Sums over the campaigns; spend once per currency (most first), as amounts in two currencies do not add up. */
  totals: { impressions: number; taps: number; installs: number; spend: Array<{ amount: number; currency: string | null }> };
  /** The days the lifetime figures cover (ISO dates) and the newest sync; null without campaigns. */
  window: { start: string; end: string; syncedAt: string } | null;
}

export type AccessFilter = "any" | "yes" | "no";

export interface AppUserQuery {
  status?: string;
  access: AccessFilter;
  /** A media source; null keeps the users without one, undefined every user. */
  source?: string | null;
  cursor?: string;
  limit: number;
}

export interface AppUserRow {
  id: string;
  appUserId: string;
  subscriptionStatus: string;
  hasAccess: boolean;
  productId: string | null;
  store: string | null;
  entitlements: string[];
  expiresAt: string | null;
  lifetimeRevenueUsd: number;
  mediaSource: string | null;
  campaign: string | null;
  campaignName: string | null;
  adGroup: string | null;
  adGroupName: string | null;
  keyword: string | null;
  creative: string | null;
}

export interface FilterCount<Value = string> {
  value: Value;
  count: number;
}

/** How many app users each filter value keeps, given the other filters' values. */
export interface AppUserCounts {
  /** Every subscription status present in the project, most users first. */
  status: { any: number; values: FilterCount[] };
  access: Record<AccessFilter, number>;
  /** Every media source present (null for users without one), most users first. */
  source: { any: number; values: Array<FilterCount<string | null>> };
  /** The users all the filters keep. */
  matching: number;
}

export interface AppUsersPage {
  users: AppUserRow[];
  nextCursor: string | null;
  counts: AppUserCounts;
}

export interface MediaSourceRevenue {
  /** Null for users without a media source. */
  source: string | null;
  users: number;
  revenueUsd: number;
}

/** The project's app users at a glance, whatever the filters. */
export interface AppUserSummary {
  users: number;
  /** Users with lifetime revenue above zero. */
  payingUsers: number;
  revenueUsd: number;
  /** Users whose subscription gives access now. */
  activeSubscriptions: number;
  /** Most revenue first. */
  bySource: MediaSourceRevenue[];
  /** When a sync last wrote a user; null without users. */
  syncedAt: string | null;
}
