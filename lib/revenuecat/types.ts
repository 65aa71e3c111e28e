// The RevenueCat REST API v2 shapes Taskdeck reads (INTEGRATIONS.md §1a).

export interface ListEnvelope<T> {
  object: "list";
  items: T[];
  next_page?: string | null;
  url: string;
}

export interface Customer {
  object: "customer";
  id: string;
  project_id: string;
  first_seen_at: number;
  last_seen_at: number | null;
  last_seen_app_version: string | null;
  last_seen_country: string | null;
  last_seen_platform: string | null;
  last_seen_platform_version: string | null;
  experiment: null | { object: "experiment_enrollment"; id: string; name: string; variant: "a" | "b" };
}

export interface ActiveEntitlement {
  object: "customer.active_entitlement";
  entitlement_id: string;
  /** null: lifetime (a one-time purchase). */
  expires_at: number | null;
}

/** A subscriber attribute; reserved names start with `$` ($email, $mediaSource, $campaign…). */
export interface CustomerAttribute {
  object: "customer.attribute";
  name: string;
  value: string | null;
  updated_at: number;
}

export interface CustomerAlias {
  object: "customer.alias";
  id: string;
  created_at: number;
}

/**
 * Get-customer's answer: the list item plus two nested list envelopes, each with its own
 * `next_page`; `attributes` only with `expand=attributes`.
 */
export interface CustomerDetail extends Customer {
  active_entitlements: ListEnvelope<ActiveEntitlement>;
  attributes?: ListEnvelope<CustomerAttribute>;
}

/** A customer with every nested page followed (RevenueCatClient.customer). */
export interface CustomerRecord extends Customer {
  activeEntitlements: ActiveEntitlement[];
  attributes: CustomerAttribute[];
}

export interface Entitlement {
  object: "entitlement";
  id: string;
  lookup_key: string;
  display_name: string;
  project_id: string;
  created_at: number;
}

export type SubscriptionStatus =
  | "trialing"
  | "active"
  | "expired"
  | "in_grace_period"
  | "in_billing_retry"
  | "paused"
  | "unknown"
  | "incomplete";

export interface Subscription {
  object: "subscription";
  id: string;
  customer_id: string;
  original_customer_id: string;
  product_id: string | null;
  starts_at: number;
  current_period_starts_at: number;
  current_period_ends_at: number | null;
  ends_at: number | null;
  gives_access: boolean;
  pending_payment: boolean;
  auto_renewal_status: string;
  status: SubscriptionStatus;
  total_revenue_in_usd: RevenueInUsd;
  presented_offering_id: string | null;
  entitlements: ListEnvelope<Entitlement>;
  environment: "production" | "sandbox";
  store: string;
  store_subscription_identifier: string;
  ownership: "purchased" | "family_shared";
  pending_changes: null;
  country: string | null;
  management_url: string | null;
}

export interface RevenueInUsd {
  currency: string;
  gross: number;
  commission: number;
  tax: number;
  proceeds: number;
}

/**
 * A one-time (non-subscription) purchase. Unconfirmed: INTEGRATIONS.md lists no purchase shape;
 * this follows public clients' fixtures of `…/customers/{id}/purchases`, with `revenue_in_usd`
 * shaped like a subscription's `total_revenue_in_usd`.
 */
export interface Purchase {
  object: "purchase";
  id: string;
  customer_id: string;
  original_customer_id: string;
  product_id: string;
  purchased_at: number;
  revenue_in_usd: RevenueInUsd;
  quantity: number;
  status: "owned" | "refunded";
  presented_offering_id: string | null;
  entitlements: ListEnvelope<Entitlement>;
  environment: "production" | "sandbox";
  store: string;
  store_purchase_identifier: string;
  ownership: "purchased" | "family_shared";
  country: string | null;
}

export interface ErrorBody {
  object: "error";
  type: string;
  message: string;
  retryable: boolean;
  doc_url: string;
  param?: string | null;
  backoff_ms?: number | null;
}
