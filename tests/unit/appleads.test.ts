// The pure parts of Apple Ads: money read exactly, Apple's report range rules, a report row's
// metrics (installs from whichever fields the API version sends), the client secret's claims, and
// apple_ads_sync's 12-month window in 90-day pieces.
import { describe, expect, it } from "vitest";
import { reportChunks, lifetimeWindow } from "@/lib/ads/window";
import { AppleAdsClient } from "@/lib/appleads/client";
import { addDays, addMonths, daysIncluded } from "@/lib/appleads/dates";
import { formatCents, parseAmount, toCents } from "@/lib/appleads/money";
import { rangeProblem, rowMetrics, totalsReportBody } from "@/lib/appleads/reports";
import { decodeJwt } from "@/lib/runtime/jwt";
import { deriveKeyPair } from "@/sandbox/appstore/keys";

describe("Apple Ads money", () => {
  it("reads decimal strings exactly and sums them without float drift", () => {
    expect(parseAmount("0.95")).toBe(950_000n);
    expect(parseAmount("12")).toBe(12_000_000n);
    expect(parseAmount("1234.5")).toBe(1_234_500_000n);
    expect(parseAmount("-3.07")).toBe(-3_070_000n);
    expect(parseAmount("0.123456")).toBe(123_456n);
    let sum = 0n;
    for (let index = 0; index < 1000; index += 1) sum += parseAmount("0.10");
    expect(formatCents(toCents(sum))).toBe("100.00");
    // The float sum is not 100.
    expect(Array.from({ length: 1000 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(100);
  });

  it("rounds to cents once, half away from zero, and refuses what is not a number", () => {
    expect(formatCents(toCents(parseAmount("0.005")))).toBe("0.01");
    expect(formatCents(toCents(parseAmount("0.004999")))).toBe("0.00");
    expect(formatCents(toCents(parseAmount("-0.005")))).toBe("-0.01");
    expect(formatCents(toCents(parseAmount("0.333") * 3n))).toBe("1.00");
    expect(formatCents(123_456_789n)).toBe("1234567.89");
    expect(formatCents(5n)).toBe("0.05");
    for (const bad of ["", "1,50", "1e3", "abc", "1.2.3", "1.0000001"]) expect(() => parseAmount(bad), bad).toThrow(/Apple Ads sent an amount/);
  });
});

describe("Apple Ads report ranges", () => {
  const today = "2026-12-02";
  it("allow a totals-only report of any length starting within 24 months", () => {
    expect(rangeProblem({ startTime: "2025-12-03", endTime: "2026-03-02" }, null, today)).toBeNull();
    expect(rangeProblem({ startTime: "2024-12-02", endTime: "2026-12-02" }, null, today)).toBeNull();
    expect(rangeProblem({ startTime: "2024-12-01", endTime: "2025-01-01" }, null, today)).toBe("A report without granularity must start on or after 2024-12-02");
    expect(rangeProblem({ startTime: "2026-01-02", endTime: "2026-01-01" }, null, today)).toBe("startTime must not be after endTime");
  });

  it("hold DAILY to 90 days starting at most 90 days ago, and the other granularities to theirs", () => {
    expect(rangeProblem({ startTime: "2026-09-03", endTime: "2026-12-01" }, "DAILY", today)).toBeNull();
    expect(rangeProblem({ startTime: "2026-09-03", endTime: "2026-12-02" }, "DAILY", today)).toBe("DAILY covers at most 90 days; 2026-09-03…2026-12-02 is 91 days");
    expect(rangeProblem({ startTime: "2026-03-01", endTime: "2026-04-01" }, "DAILY", today)).toBe("DAILY must start on or after 2026-09-03");
    expect(rangeProblem({ startTime: "2026-11-20", endTime: "2026-11-30" }, "HOURLY", today)).toMatch(/HOURLY covers at most 7 days/);
    expect(rangeProblem({ startTime: "2026-11-20", endTime: "2026-11-30" }, "WEEKLY", today)).toMatch(/WEEKLY covers more than 14/);
    expect(rangeProblem({ startTime: "2026-01-01", endTime: "2026-12-01" }, "WEEKLY", today)).toBeNull();
    expect(rangeProblem({ startTime: "2026-06-01", endTime: "2026-08-01" }, "MONTHLY", today)).toMatch(/MONTHLY covers more than 3 months/);
  });

  it("are asked for as totals per row, in UTC, a page of 1000 at a time", () => {
    expect(totalsReportBody({ startTime: "2026-01-01", endTime: "2026-03-31" }, "campaignId", 1000)).toEqual({
      startTime: "2026-01-01",
      endTime: "2026-03-31",
      selector: { orderBy: [{ field: "campaignId", sortOrder: "ASCENDING" }], pagination: { offset: 1000, limit: 1000 } },
      timeZone: "UTC",
      returnRowTotals: true,
      returnGrandTotals: false,
      returnRecordsWithNoMetrics: false,
    });
  });
});

describe("a report row's metrics", () => {
  const spend = { localSpend: { amount: "12.34", currency: "EUR" } };
  it("count installs as totalInstalls, else tap plus view installs, else the older installs", () => {
    expect(rowMetrics({ impressions: 100, taps: 9, totalInstalls: 5, tapInstalls: 4, viewInstalls: 1, installs: 99, ...spend })).toEqual({
      impressions: 100n,
      taps: 9n,
      installs: 5n,
      spendMicros: 12_340_000n,
      currency: "EUR",
    });
    expect(rowMetrics({ tapInstalls: 4, viewInstalls: 2, installs: 99 }).installs).toBe(6n);
    expect(rowMetrics({ tapInstalls: 4 }).installs).toBe(4n);
    expect(rowMetrics({ installs: 7 }).installs).toBe(7n);
    expect(rowMetrics(undefined)).toEqual({ impressions: 0n, taps: 0n, installs: 0n, spendMicros: 0n, currency: null });
  });
});

describe("apple_ads_sync's window", () => {
  it("is the 12 months up to today, in consecutive pieces of at most 90 days", () => {
    const window = lifetimeWindow("2026-12-02");
    expect(window).toEqual({ startTime: "2025-12-03", endTime: "2026-12-02" });
    const chunks = reportChunks(window);
    expect(chunks).toEqual([
      { startTime: "2025-12-03", endTime: "2026-03-02" },
      { startTime: "2026-03-03", endTime: "2026-05-31" },
      { startTime: "2026-06-01", endTime: "2026-08-29" },
      { startTime: "2026-08-30", endTime: "2026-11-27" },
      { startTime: "2026-11-28", endTime: "2026-12-02" },
    ]);
    for (const chunk of chunks) expect(daysIncluded(chunk.startTime, chunk.endTime)).toBeLessThanOrEqual(90);
    // A leap year's window (366 days) and an exact multiple of the piece.
    const leap = reportChunks(lifetimeWindow("2028-03-01"));
    expect(leap.reduce((days, chunk) => days + daysIncluded(chunk.startTime, chunk.endTime), 0)).toBe(366);
    for (const [index, chunk] of leap.entries()) if (index > 0) expect(chunk.startTime).toBe(addDays(leap[index - 1]!.endTime, 1));
    expect(reportChunks({ startTime: "2026-01-01", endTime: addDays("2026-01-01", 179) })).toHaveLength(2);
    expect(reportChunks({ startTime: "2026-01-01", endTime: "2026-01-01" })).toEqual([{ startTime: "2026-01-01", endTime: "2026-01-01" }]);
  });

  it("counts months on the calendar, the last day of a shorter month standing in", () => {
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2028-02-29", -12)).toBe("2027-02-28");
    expect(addMonths("2026-01-15", -24)).toBe("2024-01-15");
  });
});

describe("the Apple Ads client secret", () => {
  it("is an ES256 JWT for Apple's OAuth server, signed with the key, living at most 180 days", () => {
    const keys = deriveKeyPair("unit test ads key");
    const credentials = { clientId: "SEARCHADS.11111111-2222-3333-4444-555555555555", teamId: "SEARCHADS.66666666-7777-8888-9999-000000000000", keyId: "abcdef01-2345-6789-abcd-ef0123456789", orgId: "1", privateKey: keys.privateKeyPem };
    const now = Date.UTC(2026, 11, 2, 12);
    const client = new AppleAdsClient({ apiUrl: "http://127.0.0.1:9/api/v5", authUrl: "http://127.0.0.1:9", credentials, clock: () => now });
    const secret = decodeJwt(client.clientSecret())!;
    expect(secret.header).toEqual({ alg: "ES256", kid: credentials.keyId });
    expect(secret.claims).toMatchObject({ sub: credentials.clientId, iss: credentials.teamId, aud: "https://appleid.apple.com", iat: now / 1000 });
    const lifetime = (secret.claims.exp as number) - (secret.claims.iat as number);
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(180 * 86_400);
    expect(secret.signedBy(keys.publicKey)).toBe(true);
    expect(secret.signedBy(deriveKeyPair("another key").publicKey)).toBe(false);
  });
});
