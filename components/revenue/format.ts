// How the Revenue page words its figures: money in its currency, cost per install, tap-through
// rate, the days lifetime figures cover, RevenueCat's statuses and stores, and where a user came
// from. Pure: server and browser, and the unit tests.
import { dayText, humanise } from "@/components/store/format";
import type { AppUserRow } from "@/lib/revenue/types";

const currencies = new Map<string, Intl.NumberFormat>();
const plain = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234.5 in "EUR" → "€1,234.50"; without a currency (or with one Intl does not know), "1,234.50 XYZ". */
export function moneyText(amount: number, currency: string | null): string {
  if (!currency) return plain.format(amount);
  const code = currency.toUpperCase();
  let format = currencies.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    } catch {
      return `${plain.format(amount)} ${code}`;
    }
    currencies.set(code, format);
  }
  return format.format(amount);
}

export const usdText = (amount: number) => moneyText(amount, "USD");

/** Spend per install; null when nothing was installed (no cost to divide). */
export const costPerInstall = (spend: number, installs: number) => (installs > 0 ? spend / installs : null);

const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** taps / impressions as "3.27%"; null when there is nothing to divide by. */
export const rateText = (part: number, whole: number) => (whole > 0 ? percent.format(part / whole) : null);

export const numberText = (count: number) => count.toLocaleString("en-US");

/** The days lifetime figures cover, "2025-03-05" to "2026-03-04" → "last 12 months" (under four weeks, in days). */
export function windowText(start: string, end: string): string {
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  if (days < 28) return days === 1 ? "last day" : `last ${days} days`;
  const months = Math.max(1, Math.round(days / 30.4375));
  return months === 1 ? "last month" : `last ${months} months`;
}

export const windowDates = (start: string, end: string) => `${dayText(start)} – ${dayText(end)}`;

export type Tone = "live" | "waiting" | "trouble" | "past" | "quiet";

/** Apple Ads campaign and ad group states: ENABLED runs, PAUSED and ON_HOLD wait, DELETED is over. */
export function adStatusTone(status: string): Tone {
  if (["ENABLED", "RUNNING", "ACTIVE"].includes(status)) return "live";
  if (["PAUSED", "ON_HOLD"].includes(status)) return "waiting";
  if (["DELETED", "REMOVED"].includes(status)) return "past";
  return "quiet";
}

/** RevenueCat's subscription statuses, by what they mean for revenue. */
export function subscriptionTone(status: string): Tone {
  if (["active", "trialing"].includes(status)) return "live";
  if (["in_grace_period", "in_billing_retry", "paused"].includes(status)) return "waiting";
  if (status === "incomplete") return "trouble";
  if (status === "expired") return "past";
  return "quiet";
}

const subscriptionLabels: Record<string, string> = { none: "No subscription", in_billing_retry: "Billing retry" };
/** "in_grace_period" → "In grace period". */
export const subscriptionLabel = (status: string) => subscriptionLabels[status] ?? humanise(status);

const stores: Record<string, string> = {
  app_store: "App Store",
  mac_app_store: "Mac App Store",
  play_store: "Google Play",
  amazon: "Amazon",
  stripe: "Stripe",
  rc_billing: "Web Billing",
  paddle: "Paddle",
  promotional: "Promotional",
};
export const storeName = (store: string) => stores[store] ?? humanise(store);

export interface AttributionPart {
  kind: "source" | "campaign" | "adGroup" | "keyword" | "creative";
  text: string;
  /** Set when `text` is a name resolved from this id. */
  id?: string;
  /** An id no sync has named yet, shown as it is. */
  unresolved?: boolean;
}

/** Where the user came from, in order: media source · campaign · ad group · keyword · creative. */
export function attributionParts(user: Pick<AppUserRow, "mediaSource" | "campaign" | "campaignName" | "adGroup" | "adGroupName" | "keyword" | "creative">): AttributionPart[] {
  const named = (kind: "campaign" | "adGroup", id: string | null, name: string | null): AttributionPart[] => {
    if (name) return [{ kind, text: name, ...(id && id !== name ? { id } : {}) }];
    return id ? [{ kind, text: id, unresolved: /^\d+$/.test(id) }] : [];
  };
  return [
    ...(user.mediaSource ? [{ kind: "source" as const, text: user.mediaSource }] : []),
    ...named("campaign", user.campaign, user.campaignName),
    ...named("adGroup", user.adGroup, user.adGroupName),
    ...(user.keyword ? [{ kind: "keyword" as const, text: user.keyword }] : []),
    ...(user.creative ? [{ kind: "creative" as const, text: user.creative }] : []),
  ];
}
