import { describe, expect, it } from "vitest";
import { retryAfterMs } from "@/lib/revenuecat/client";
import { isAnonymousId, subscriptionState } from "@/lib/revenuecat/subscription-state";
import type { Subscription } from "@/lib/revenuecat/types";

function subscription(overrides: Partial<Subscription>): Subscription {
  return {
    object: "subscription",
    id: "sub_1",
    customer_id: "user_1",
    original_customer_id: "user_1",
    product_id: "com.acme.pro.monthly",
    starts_at: 1_000,
    current_period_starts_at: 1_000,
    current_period_ends_at: 5_000,
    ends_at: null,
    gives_access: true,
    pending_payment: false,
    auto_renewal_status: "will_renew",
    status: "active",
    total_revenue_in_usd: { currency: "USD", gross: 9.99, commission: 1.5, tax: 0, proceeds: 8.49 },
    presented_offering_id: null,
    entitlements: { object: "list", items: [{ object: "entitlement", id: "e1", lookup_key: "pro", display_name: "Pro", project_id: "p", created_at: 0 }], url: "/x" },
    environment: "production",
    store: "app_store",
    store_subscription_identifier: "1",
    ownership: "purchased",
    pending_changes: null,
    country: "US",
    management_url: null,
    ...overrides,
  };
}

describe("subscriptionState", () => {
  it("reports a customer without subscriptions as none", () => {
    expect(subscriptionState([])).toMatchObject({ subscriptionStatus: "none", hasAccess: false, entitlements: [], lifetimeRevenueUsd: 0 });
  });

  it("prefers the subscription that gives access, and sums revenue over all of them", () => {
    const state = subscriptionState([
      subscription({ id: "old", status: "expired", gives_access: false, current_period_ends_at: 9_000, product_id: "old.product" }),
      subscription({ id: "current", status: "trialing", current_period_ends_at: 7_000, total_revenue_in_usd: { currency: "USD", gross: 20.01, commission: 0, tax: 0, proceeds: 0 } }),
    ]);
    expect(state.subscriptionStatus).toBe("trialing");
    expect(state.productId).toBe("com.acme.pro.monthly");
    expect(state.hasAccess).toBe(true);
    expect(state.expiresAt).toEqual(new Date(7_000));
    expect(state.lifetimeRevenueUsd).toBe(30);
    expect(state.entitlements).toEqual(["pro"]);
  });

  it("lists only entitlements of subscriptions that give access", () => {
    const state = subscriptionState([subscription({ gives_access: false, status: "expired" })]);
    expect(state.hasAccess).toBe(false);
    expect(state.entitlements).toEqual([]);
  });
});

describe("isAnonymousId", () => {
  it("recognises RevenueCat anonymous ids", () => {
    expect(isAnonymousId("$RCAnonymousID:0123456789abcdef0123456789abcdef")).toBe(true);
    expect(isAnonymousId("user_42")).toBe(false);
  });
});

describe("retryAfterMs", () => {
  it("reads Retry-After as seconds", () => expect(retryAfterMs("3", 500)).toBe(3000));
  it("falls back to backoff_ms, then to one second", () => {
    expect(retryAfterMs(null, 750)).toBe(750);
    expect(retryAfterMs("soon", null)).toBe(1000);
  });
  it("caps absurd waits at two minutes", () => expect(retryAfterMs("86400", null)).toBe(120_000));
});
