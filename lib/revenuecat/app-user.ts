// What a RevenueCat customer becomes as an app user in the backfill: its subscription state
// (subscription-state.ts), access from RevenueCat's own active entitlements (a lifetime purchase
// gives access without a subscription), lifetime USD revenue, attribution and first/last seen.
import { subscriptionState } from "./subscription-state";
import type { CustomerRecord, Purchase, Subscription } from "./types";

export interface BackfilledUser {
  appUserId: string;
  subscriptionStatus: string;
  hasAccess: boolean;
  productId: string | null;
  store: string | null;
  entitlements: string[];
  expiresAt: Date | null;
  /** Dollars with two decimals, summed in cents so no float error creeps in. */
  lifetimeRevenueUsd: string;
  mediaSource: string | null;
  campaign: string | null;
  adGroup: string | null;
  keyword: string | null;
  creative: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date | null;
}

// RevenueCat's reserved attribution attributes, by the app user column each fills.
export const attributionAttributes = {
  mediaSource: "$mediaSource",
  campaign: "$campaign",
  adGroup: "$adGroup",
  keyword: "$keyword",
  creative: "$creative",
} as const;

const cents = (usd: number) => Math.round(usd * 100);

/**
 * Gross revenue, what customers paid before store commission and tax, the figure RevenueCat's
 * dashboards call revenue: every subscription's total_revenue_in_usd.gross plus every one-time
 * purchase's revenue_in_usd.gross, refunded purchases left out (they earned nothing).
 */
export function lifetimeRevenueCents(subscriptions: Subscription[], purchases: Purchase[]): number {
  const fromSubscriptions = subscriptions.reduce((sum, subscription) => sum + cents(subscription.total_revenue_in_usd.gross), 0);
  const fromPurchases = purchases.filter((purchase) => purchase.status !== "refunded").reduce((sum, purchase) => sum + cents(purchase.revenue_in_usd.gross), 0);
  return fromSubscriptions + fromPurchases;
}

export function backfilledUser(customer: CustomerRecord, subscriptions: Subscription[], purchases: Purchase[]): BackfilledUser {
  const state = subscriptionState(subscriptions);
  // Active entitlements name ids; subscriptions and purchases carry the lookup keys we store.
  const lookupKeys = new Map<string, string>();
  for (const owner of [...subscriptions, ...purchases]) for (const entitlement of owner.entitlements.items) lookupKeys.set(entitlement.id, entitlement.lookup_key);
  const active = customer.activeEntitlements.map((entitlement) => lookupKeys.get(entitlement.entitlement_id) ?? entitlement.entitlement_id);
  const entitlements = [...new Set([...state.entitlements, ...active])].sort();

  const attribute = (name: string) => customer.attributes.find((candidate) => candidate.name === name)?.value ?? null;
  return {
    appUserId: customer.id,
    subscriptionStatus: state.subscriptionStatus,
    hasAccess: state.hasAccess || customer.activeEntitlements.length > 0,
    productId: state.productId,
    store: state.store,
    entitlements,
    expiresAt: state.expiresAt,
    lifetimeRevenueUsd: (lifetimeRevenueCents(subscriptions, purchases) / 100).toFixed(2),
    mediaSource: attribute(attributionAttributes.mediaSource),
    campaign: attribute(attributionAttributes.campaign),
    adGroup: attribute(attributionAttributes.adGroup),
    keyword: attribute(attributionAttributes.keyword),
    creative: attribute(attributionAttributes.creative),
    firstSeenAt: new Date(customer.first_seen_at),
    lastSeenAt: customer.last_seen_at === null ? null : new Date(customer.last_seen_at),
  };
}
