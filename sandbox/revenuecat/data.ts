// Deterministic RevenueCat customers and subscriptions for the sandbox: the same seed always gives
// the same data, so tests can assert exact counts. Purchases, aliases and attributes come from
// profile-data.ts.
import type { ActiveEntitlement, Customer, Subscription, SubscriptionStatus } from "@/lib/revenuecat/types";
import { random } from "../random";
import { entitlementObject, generateProfile, type CustomerProfile } from "./profile-data";

export interface SandboxCustomer extends CustomerProfile {
  customer: Customer;
  subscriptions: Subscription[];
}

const products = [
  { id: "com.acme.pro.monthly", price: 9.99, entitlement: "pro" },
  { id: "com.acme.pro.annual", price: 79.99, entitlement: "pro" },
  { id: "com.acme.team.monthly", price: 29.99, entitlement: "team" },
];
const stores = ["app_store", "play_store", "stripe"];
const countries = ["US", "GB", "DE", "FR", "JP", "BR", "IN", null];
const statuses: SubscriptionStatus[] = ["active", "active", "active", "trialing", "expired", "expired", "in_grace_period", "in_billing_retry"];

export function generateCustomers(projectId: string, count: number, seed = 42): SandboxCustomer[] {
  const next = random(seed);
  // A second stream for the profiles, so adding them left every seed's subscriptions as they were.
  const nextProfile = random(seed ^ 0x5eed_0f11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const now = Date.UTC(2026, 10, 1);
  const day = 86_400_000;
  const result: SandboxCustomer[] = [];

  for (let index = 0; index < count; index += 1) {
    const anonymous = next() < 0.12;
    const id = anonymous
      ? `$RCAnonymousID:${Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("")}`
      : `user_${String(index + 1).padStart(5, "0")}`;
    const firstSeen = now - Math.floor(next() * 400) * day;
    const customer: Customer = {
      object: "customer",
      id,
      project_id: projectId,
      first_seen_at: firstSeen,
      last_seen_at: firstSeen + Math.floor(next() * 30) * day,
      last_seen_app_version: `2.${Math.floor(next() * 9)}.0`,
      last_seen_country: pick(countries),
      last_seen_platform: pick(["iOS", "Android", "web"]),
      last_seen_platform_version: null,
      experiment: null,
    };
    const subscriptionCount = anonymous ? 0 : Math.floor(next() * 3);
    const subscriptions: Subscription[] = [];
    for (let s = 0; s < subscriptionCount; s += 1) {
      const product = pick(products);
      const status = pick(statuses);
      const startsAt = firstSeen + Math.floor(next() * 60) * day;
      const periodEnds = status === "expired" ? now - Math.floor(next() * 90) * day : now + Math.floor(next() * 30 + 1) * day;
      const renewals = 1 + Math.floor(next() * 6);
      const gross = status === "trialing" ? 0 : Math.round(product.price * renewals * 100) / 100;
      subscriptions.push({
        object: "subscription",
        id: `sub_${index + 1}_${s + 1}`,
        customer_id: id,
        original_customer_id: id,
        product_id: product.id,
        starts_at: startsAt,
        current_period_starts_at: periodEnds - 30 * day,
        current_period_ends_at: periodEnds,
        ends_at: status === "expired" ? periodEnds : null,
        gives_access: status !== "expired" && status !== "in_billing_retry",
        pending_payment: status === "in_billing_retry",
        auto_renewal_status: status === "expired" ? "will_not_renew" : "will_renew",
        status,
        total_revenue_in_usd: {
          currency: "USD",
          gross,
          commission: Math.round(gross * 0.15 * 100) / 100,
          tax: 0,
          proceeds: Math.round(gross * 0.85 * 100) / 100,
        },
        presented_offering_id: "default",
        entitlements: {
          object: "list",
          items: [entitlementObject(product.entitlement, projectId)],
          next_page: null,
          url: `/v2/projects/${projectId}/subscriptions/sub_${index + 1}_${s + 1}/entitlements`,
        },
        environment: "production",
        store: pick(stores),
        store_subscription_identifier: `${100000000 + index * 10 + s}`,
        ownership: "purchased",
        pending_changes: null,
        country: customer.last_seen_country,
        management_url: null,
      });
    }
    const profile = generateProfile({ index, id, anonymous, firstSeen, projectId, country: customer.last_seen_country }, nextProfile);
    result.push({ customer, subscriptions, ...profile });
  }
  return result.sort((a, b) => (a.customer.id < b.customer.id ? -1 : a.customer.id > b.customer.id ? 1 : 0));
}

/** One per entitlement a customer has now: from subscriptions giving access and owned purchases (lifetime). */
export function activeEntitlementsOf(entry: SandboxCustomer): ActiveEntitlement[] {
  const expiries = new Map<string, number | null>();
  const grant = (entitlementId: string, expiresAt: number | null) => {
    const known = expiries.get(entitlementId);
    if (known === undefined) expiries.set(entitlementId, expiresAt);
    else if (known !== null) expiries.set(entitlementId, expiresAt === null ? null : Math.max(known, expiresAt));
  };
  for (const subscription of entry.subscriptions) {
    if (subscription.gives_access) for (const entitlement of subscription.entitlements.items) grant(entitlement.id, subscription.current_period_ends_at);
  }
  for (const purchase of entry.purchases) {
    if (purchase.status === "owned") for (const entitlement of purchase.entitlements.items) grant(entitlement.id, null);
  }
  return [...expiries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([entitlement_id, expires_at]) => ({ object: "customer.active_entitlement", entitlement_id, expires_at }));
}
