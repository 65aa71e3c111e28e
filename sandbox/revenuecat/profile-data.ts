// What the sandbox knows of a customer besides subscriptions: one-time purchases with USD revenue,
// aliases (an identified user often started anonymous) and attributes, among them the reserved
// attribution ones ($mediaSource, $campaign, $adGroup, $keyword, $creative). Apple Search Ads
// attribution carries numeric campaign and ad-group ids, as RevenueCat's AdServices integration
// stores them; apple_ads_sync resolves them to names later. Drawn from a stream of its own, so the
// subscription data of a seed stays what it always was.
import type { CustomerAlias, CustomerAttribute, Entitlement, Purchase } from "@/lib/revenuecat/types";

export interface CustomerProfile {
  purchases: Purchase[];
  aliases: CustomerAlias[];
  /** Sorted by name, the order the sandbox pages them in. */
  attributes: CustomerAttribute[];
}

interface ProfileInput {
  index: number;
  id: string;
  anonymous: boolean;
  firstSeen: number;
  projectId: string;
  country: string | null;
}

const DAY = 86_400_000;
const oneTimeProducts = [
  { id: "com.acme.lifetime", price: 149.99, entitlement: "pro" as const },
  { id: "com.acme.coins.500", price: 4.99, entitlement: null },
  { id: "com.acme.coins.1200", price: 9.99, entitlement: null },
];
const searchAds = {
  campaigns: [
    { id: "1458201734", adGroups: ["1458222061", "1458222062"] },
    { id: "1502934121", adGroups: ["1502951876"] },
  ],
  keywords: ["98765401", "98765402", "98765403"],
  creatives: ["7730011", "7730012"],
};
const networks = {
  sources: ["Facebook Ads", "Google Ads", "TikTok Ads"],
  campaigns: ["Spring Sale 2026", "Retargeting Q3"],
  adGroups: ["Lookalike US", "Broad 18-34"],
  creatives: ["video_15s", "carousel_a"],
};

export function entitlementObject(lookupKey: string, projectId: string): Entitlement {
  return { object: "entitlement", id: `entl_${lookupKey}`, lookup_key: lookupKey, display_name: lookupKey === "pro" ? "Pro" : "Team", project_id: projectId, created_at: Date.UTC(2025, 0, 1) };
}

export function generateProfile(input: ProfileInput, next: () => number): CustomerProfile {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const { id, firstSeen } = input;
  const attribute = (name: string, value: string | null): CustomerAttribute => ({ object: "customer.attribute", name, value, updated_at: firstSeen + DAY });
  const attributes: CustomerAttribute[] = [];

  const channel = next();
  if (channel < 0.3) {
    const campaign = pick(searchAds.campaigns);
    attributes.push(attribute("$mediaSource", "Apple Search Ads"), attribute("$campaign", campaign.id), attribute("$adGroup", pick(campaign.adGroups)));
    // Search-match installs have no keyword: RevenueCat stores the attribute with a null value.
    attributes.push(attribute("$keyword", next() < 0.7 ? pick(searchAds.keywords) : null));
    if (next() < 0.5) attributes.push(attribute("$creative", pick(searchAds.creatives)));
  } else if (channel < 0.45) {
    attributes.push(attribute("$mediaSource", pick(networks.sources)), attribute("$campaign", pick(networks.campaigns)), attribute("$adGroup", pick(networks.adGroups)));
    attributes.push(attribute("$creative", pick(networks.creatives)));
  }
  if (!input.anonymous && next() < 0.5) attributes.push(attribute("$email", `${id}@example.com`));
  if (!input.anonymous && next() < 0.3) attributes.push(attribute("$displayName", `Customer ${input.index + 1}`));
  attributes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const aliases: CustomerAlias[] = [{ object: "customer.alias", id, created_at: firstSeen }];
  if (!input.anonymous && next() < 0.4) {
    const anonymousId = `$RCAnonymousID:${Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("")}`;
    aliases.push({ object: "customer.alias", id: anonymousId, created_at: firstSeen - DAY });
  }

  const purchases: Purchase[] = [];
  const purchaseCount = input.anonymous || next() >= 0.3 ? 0 : 1 + Math.floor(next() * 2);
  for (let p = 0; p < purchaseCount; p += 1) {
    const product = pick(oneTimeProducts);
    const gross = product.price;
    purchases.push({
      object: "purchase",
      id: `purch_${input.index + 1}_${p + 1}`,
      customer_id: id,
      original_customer_id: id,
      product_id: product.id,
      purchased_at: firstSeen + Math.floor(next() * 90) * DAY,
      revenue_in_usd: { currency: "USD", gross, commission: Math.round(gross * 0.15 * 100) / 100, tax: 0, proceeds: Math.round(gross * 0.85 * 100) / 100 },
      quantity: 1,
      status: next() < 0.1 ? "refunded" : "owned",
      presented_offering_id: "default",
      entitlements: {
        object: "list",
        items: product.entitlement ? [entitlementObject(product.entitlement, input.projectId)] : [],
        next_page: null,
        url: `/v2/projects/${input.projectId}/purchases/purch_${input.index + 1}_${p + 1}/entitlements`,
      },
      environment: "production",
      store: "app_store",
      store_purchase_identifier: `${200000000 + input.index * 10 + p}`,
      ownership: "purchased",
      country: input.country,
    });
  }
  return { purchases, aliases, attributes };
}
