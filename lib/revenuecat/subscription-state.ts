// Collapses a customer's RevenueCat subscriptions into the one state Taskdeck keeps per app user.
import type { Subscription } from "./types";

export interface SubscriptionState {
  subscriptionStatus: string;
  hasAccess: boolean;
  productId: string | null;
  store: string | null;
  entitlements: string[];
  expiresAt: Date | null;
  lifetimeRevenueUsd: number;
}

const ANONYMOUS_PREFIX = "$RCAnonymousID:";

export function isAnonymousId(appUserId: string): boolean {
  return appUserId.startsWith(ANONYMOUS_PREFIX);
}

export function subscriptionState(subscriptions: Subscription[]): SubscriptionState {
  if (subscriptions.length === 0) {
    return { subscriptionStatus: "none", hasAccess: false, productId: null, store: null, entitlements: [], expiresAt: null, lifetimeRevenueUsd: 0 };
  }
  // The subscription that matters is the one giving access that lasts longest; failing that, the newest.
  const byRelevance = [...subscriptions].sort(
    (a, b) =>
      Number(b.gives_access) - Number(a.gives_access) ||
      (b.current_period_ends_at ?? b.ends_at ?? 0) - (a.current_period_ends_at ?? a.ends_at ?? 0) ||
      b.starts_at - a.starts_at,
  );
  const primary = byRelevance[0]!;
  const entitlements = new Set<string>();
  for (const subscription of subscriptions) {
    if (!subscription.gives_access) continue;
    for (const entitlement of subscription.entitlements.items) entitlements.add(entitlement.lookup_key);
  }
  const revenue = subscriptions.reduce((sum, subscription) => sum + subscription.total_revenue_in_usd.gross, 0);
  const expiresAtMs = primary.current_period_ends_at ?? primary.ends_at;
  return {
    subscriptionStatus: primary.status,
    hasAccess: subscriptions.some((subscription) => subscription.gives_access),
    productId: primary.product_id,
    store: primary.store,
    entitlements: [...entitlements].sort(),
    expiresAt: expiresAtMs === null ? null : new Date(expiresAtMs),
    lifetimeRevenueUsd: Math.round(revenue * 100) / 100,
  };
}
