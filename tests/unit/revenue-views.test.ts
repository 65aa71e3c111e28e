import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adStatusTone, attributionParts, costPerInstall, moneyText, rateText, storeName, subscriptionLabel, subscriptionTone, usdText, windowText } from "@/components/revenue/format";
import { NO_SOURCE, narrowed, revenueHref, sourceOfParam } from "@/components/revenue/revenue-links";
import { AppError } from "@/lib/errors";
import { countsOf, type AppUserGroup } from "@/lib/revenue/counts";
import { decodeAppUserCursor, encodeAppUserCursor } from "@/lib/revenue/cursor";

describe("the app users cursor", () => {
  it("reads back the user it was made from, revenue to the cent", () => {
    for (const lifetimeRevenueUsd of ["0.00", "12.99", "1234567890.01", "-4.50"]) {
      const user = { lifetimeRevenueUsd, id: randomUUID() };
      const cursor = encodeAppUserCursor(user);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeAppUserCursor(cursor)).toEqual(user);
    }
  });

  it("refuses what is not one of ours as a bad request", () => {
    const encode = (text: string) => Buffer.from(text).toString("base64url");
    const id = randomUUID();
    for (const cursor of ["", "not a cursor", encode(`12.99|not-a-uuid`), encode(`lots|${id}`), encode(`1.999|${id}`), encode(`1e5|${id}`), encode(`12.99|${id}|extra`)]) {
      try {
        decodeAppUserCursor(cursor);
        expect.unreachable(cursor);
      } catch (error) {
        expect(error, cursor).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("bad_request");
      }
    }
  });
});

describe("the Revenue page's figures", () => {
  it("writes money in its currency, to the cent", () => {
    expect(moneyText(1234.5, "USD")).toBe("$1,234.50");
    expect(moneyText(1234.5, "eur")).toBe("€1,234.50");
    expect(moneyText(0, "GBP")).toBe("£0.00");
    expect(moneyText(99.999, "USD")).toBe("$100.00");
    expect(moneyText(12, null)).toBe("12.00");
    expect(moneyText(12, "NOPE")).toBe("12.00 NOPE");
    expect(usdText(7.1)).toBe("$7.10");
  });

  it("divides spend by installs and taps by impressions, or says there is nothing to divide", () => {
    expect(costPerInstall(1000, 400)).toBe(2.5);
    expect(costPerInstall(120.5, 0)).toBeNull();
    expect(moneyText(costPerInstall(100, 3)!, "USD")).toBe("$33.33");
    expect(rateText(327, 10_000)).toBe("3.27%");
    expect(rateText(1, 3)).toBe("33.33%");
    expect(rateText(0, 500)).toBe("0.00%");
    expect(rateText(5, 0)).toBeNull();
  });

  it("names the days lifetime figures cover", () => {
    expect(windowText("2025-03-05", "2026-03-04")).toBe("last 12 months");
    expect(windowText("2025-12-05", "2026-03-04")).toBe("last 3 months");
    expect(windowText("2026-02-03", "2026-03-04")).toBe("last month");
    expect(windowText("2026-02-25", "2026-03-04")).toBe("last 8 days");
    expect(windowText("2026-03-04", "2026-03-04")).toBe("last day");
  });

  it("words statuses and stores", () => {
    expect(adStatusTone("ENABLED")).toBe("live");
    expect(adStatusTone("PAUSED")).toBe("waiting");
    expect(adStatusTone("DELETED")).toBe("past");
    expect(subscriptionTone("active")).toBe("live");
    expect(subscriptionTone("in_billing_retry")).toBe("waiting");
    expect(subscriptionTone("expired")).toBe("past");
    expect(subscriptionTone("none")).toBe("quiet");
    expect(subscriptionLabel("in_grace_period")).toBe("In grace period");
    expect(subscriptionLabel("none")).toBe("No subscription");
    expect(storeName("app_store")).toBe("App Store");
    expect(storeName("play_store")).toBe("Google Play");
    expect(storeName("some_new_store")).toBe("Some new store");
  });

  it("says where a user came from, names where a sync found them and ids where not", () => {
    const user = { mediaSource: "Apple Search Ads", campaign: "1234", campaignName: "Summer", adGroup: "5678", adGroupName: null, keyword: "tide app", creative: null };
    expect(attributionParts(user)).toEqual([
      { kind: "source", text: "Apple Search Ads" },
      { kind: "campaign", text: "Summer", id: "1234" },
      { kind: "adGroup", text: "5678", unresolved: true },
      { kind: "keyword", text: "tide app" },
    ]);
    expect(attributionParts({ mediaSource: "Facebook", campaign: "spring_sale", campaignName: null, adGroup: null, adGroupName: null, keyword: null, creative: "video-a" })).toEqual([
      { kind: "source", text: "Facebook" },
      { kind: "campaign", text: "spring_sale", unresolved: false },
      { kind: "creative", text: "video-a" },
    ]);
    expect(attributionParts({ mediaSource: null, campaign: null, campaignName: null, adGroup: null, adGroupName: null, keyword: null, creative: null })).toEqual([]);
  });
});

describe("the app users filters", () => {
  it("keep the filters in the URL, defaults left out", () => {
    expect(revenueHref("acme")).toBe("/projects/acme/revenue");
    expect(revenueHref("acme", { access: "any" })).toBe("/projects/acme/revenue");
    expect(revenueHref("acme", { status: "active", access: "yes", source: "Apple Search Ads", cursor: "abc" })).toBe("/projects/acme/revenue?status=active&access=yes&source=Apple+Search+Ads&cursor=abc");
    expect(new URL(revenueHref("acme", { source: null }), "http://x").searchParams.get("source")).toBe(NO_SOURCE);
    expect(sourceOfParam(NO_SOURCE)).toBeNull();
    expect(sourceOfParam("Facebook")).toBe("Facebook");
    expect(narrowed({ access: "any" })).toBe(false);
    expect(narrowed({ access: "any", source: null })).toBe(true);
    expect(narrowed({ access: "any", cursor: "abc" })).toBe(false);
  });

  const groups: AppUserGroup[] = [
    { status: "active", hasAccess: true, source: "Apple Search Ads", count: 6 },
    { status: "active", hasAccess: true, source: null, count: 2 },
    { status: "trialing", hasAccess: true, source: "Apple Search Ads", count: 3 },
    { status: "expired", hasAccess: false, source: "Apple Search Ads", count: 4 },
    { status: "expired", hasAccess: false, source: "Facebook", count: 5 },
    { status: "none", hasAccess: false, source: null, count: 1 },
  ];

  it("count each value under the other filters, every value listed in the project's order", () => {
    const all = countsOf(groups, { access: "any" });
    expect(all.matching).toBe(21);
    expect(all.status).toEqual({ any: 21, values: [{ value: "expired", count: 9 }, { value: "active", count: 8 }, { value: "trialing", count: 3 }, { value: "none", count: 1 }] });
    expect(all.access).toEqual({ any: 21, yes: 11, no: 10 });
    expect(all.source.values).toEqual([{ value: "Apple Search Ads", count: 13 }, { value: "Facebook", count: 5 }, { value: null, count: 3 }]);

    const fromAds = countsOf(groups, { access: "any", source: "Apple Search Ads" });
    expect(fromAds.matching).toBe(13);
    expect(fromAds.status.values).toEqual([{ value: "expired", count: 4 }, { value: "active", count: 6 }, { value: "trialing", count: 3 }, { value: "none", count: 0 }]);
    expect(fromAds.source.any).toBe(21);

    const activeUnattributed = countsOf(groups, { status: "active", access: "yes", source: null });
    expect(activeUnattributed.matching).toBe(2);
    expect(activeUnattributed.access).toEqual({ any: 2, yes: 2, no: 0 });
    expect(activeUnattributed.source.values.map(({ count }) => count)).toEqual([6, 0, 2]);
  });
});
