// The iTunes Lookup client against the iTunes sandbox, over real HTTP: ids batched per storefront
// (asserted from what the sandbox received), results matched by trackId, rating fields absent where
// an app has no ratings, and Apple's throttle (an empty 403) backed off, given up as
// LookupThrottledError, and cut short by the job's signal. No database is used.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ItunesLookupClient, LookupThrottledError, type ItunesLookupOptions } from "@/lib/itunes/client";
import { startItunesSandbox, type ItunesSandbox, type SandboxStoreApp } from "@/sandbox/itunes/server";

const apps: SandboxStoreApp[] = [
  { trackId: 1700000001, bundleId: "com.example.first", trackName: "First", version: "1.2.0", currentVersionReleaseDate: "2026-09-01T10:00:00Z", unrated: ["jp"], seed: 1 },
  { trackId: 1700000120, bundleId: "com.example.middle", trackName: "Middle", version: "4.0.1", currentVersionReleaseDate: "2026-10-11T08:30:00Z", seed: 2 },
  { trackId: 1700000249, bundleId: "com.example.last", trackName: "Last", version: "0.9.0", currentVersionReleaseDate: "2026-11-20T17:01:43Z", storefronts: ["us", "gb"], seed: 3 },
];
// 250 ids, three of them real: one in each batch of 100.
const ids = Array.from({ length: 250 }, (_, index) => String(1_700_000_000 + index));

let sandbox: ItunesSandbox;
const client = (options: Partial<ItunesLookupOptions> = {}) => new ItunesLookupClient({ baseUrl: sandbox.url, backoffMs: 20, retries: 3, ...options });

beforeEach(async () => {
  sandbox = await startItunesSandbox({ apps });
});

afterEach(() => sandbox.close());

describe("looking up ids", () => {
  it("asks for 250 ids in one storefront in 3 requests of at most 100, and matches results by trackId", async () => {
    const lookup = client();
    const results = await lookup.lookupIds(ids, "GB");

    expect(sandbox.requests.map((request) => [request.country, request.ids.length, request.status])).toEqual([
      ["gb", 100, 200],
      ["gb", 100, 200],
      ["gb", 50, 200],
    ]);
    expect(sandbox.requests.flatMap((request) => request.ids)).toEqual(ids);
    expect(lookup.requestCount).toBe(3);
    const byTrackId = new Map(results.map((result) => [result.trackId, result]));
    expect([...byTrackId.keys()].sort()).toEqual([1700000001, 1700000120, 1700000249]);
    expect(byTrackId.get(1700000120)).toMatchObject({ bundleId: "com.example.middle", trackName: "Middle", version: "4.0.1", currentVersionReleaseDate: "2026-10-11T08:30:00Z" });
  });

  it("caps a batch at 200 ids", async () => {
    await client({ batchSize: 500 }).lookupIds(ids, "us");
    expect(sandbox.requests.map((request) => request.ids.length)).toEqual([200, 50]);
  });

  it("leaves unknown ids out: Apple answers resultCount 0", async () => {
    const raw = await fetch(`${sandbox.url}?id=1799999999&country=us`);
    expect(await raw.json()).toEqual({ resultCount: 0, results: [] });
    expect(await client().lookupIds(["1799999999", "1799999998"], "us")).toEqual([]);
  });

  it("leaves out apps a storefront does not sell, and answers an unknown storefront with nothing", async () => {
    expect((await client().lookupIds(["1700000001", "1700000249"], "de")).map((result) => result.trackId)).toEqual([1700000001]);
    expect(await client().lookupIds(["1700000001"], "zz")).toEqual([]);
  });
});

describe("ratings", () => {
  it("are numbers where an app is rated, and absent (not 0) in a storefront where it has none", async () => {
    const [rated] = await client().lookupIds(["1700000001"], "us");
    expect(rated!.averageUserRating).toBeGreaterThanOrEqual(1);
    expect(rated!.averageUserRating).toBeLessThanOrEqual(5);
    expect(Number.isInteger(rated!.userRatingCount)).toBe(true);
    expect(rated!.averageUserRatingForCurrentVersion).toBe(rated!.averageUserRating);

    const [unrated] = await client().lookupIds(["1700000001"], "jp");
    expect(unrated).toMatchObject({ trackId: 1700000001, version: "1.2.0" });
    for (const field of ["averageUserRating", "userRatingCount", "averageUserRatingForCurrentVersion", "userRatingCountForCurrentVersion"]) {
      expect(unrated).not.toHaveProperty(field);
    }
  });

  it("arrive as Apple sends them: text/javascript, long float averages, string genreIds and fileSizeBytes", async () => {
    const raw = await fetch(`${sandbox.url}?id=1700000120&country=GB&entity=software`);
    expect(raw.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const text = await raw.text();
    expect(text).toMatch(/"averageUserRating":[1-5]\.\d{30,}/);
    const body = JSON.parse(text) as { resultCount: number; results: Array<Record<string, unknown>> };
    expect(body.resultCount).toBe(1);
    const [result] = body.results;
    expect(result).toMatchObject({ wrapperType: "software", kind: "software", currency: "GBP", price: 0, formattedPrice: "Free" });
    expect(result!.trackViewUrl).toContain("/gb/app/");
    expect(typeof result!.fileSizeBytes).toBe("string");
    expect((result!.genreIds as unknown[]).every((id) => typeof id === "string")).toBe(true);

    const [parsed] = await client().lookupIds(["1700000120"], "gb");
    expect(parsed!.averageUserRating).toBe(result!.averageUserRating);
  });

  it("change when ratings are added, and a new version shows", async () => {
    const [before] = await client().lookupIds(["1700000001"], "jp");
    expect(before).not.toHaveProperty("userRatingCount");
    sandbox.addRatings(1700000001, "jp", 3, 4);
    sandbox.addRatings(1700000001, "jp", 1, 2);
    sandbox.setVersion(1700000001, "1.3.0", "2026-12-01T09:00:00Z");
    const [after] = await client().lookupIds(["1700000001"], "jp");
    expect(after).toMatchObject({ userRatingCount: 4, averageUserRating: 3.5, version: "1.3.0", currentVersionReleaseDate: "2026-12-01T09:00:00Z" });
  });
});

describe("looking up a bundle id", () => {
  it("finds the app, or null in a storefront that does not sell it", async () => {
    const lookup = client();
    expect(await lookup.lookupBundleId("com.example.last", "gb")).toMatchObject({ trackId: 1700000249, trackName: "Last", version: "0.9.0" });
    expect(await lookup.lookupBundleId("com.example.last", "fr")).toBeNull();
    expect(await lookup.lookupBundleId("com.example.nothing", "us")).toBeNull();
    expect(sandbox.requests.map((request) => [request.bundleId, request.country])).toEqual([
      ["com.example.last", "gb"],
      ["com.example.last", "fr"],
      ["com.example.nothing", "us"],
    ]);
  });
});

describe("the throttle", () => {
  it("is a 403 with an empty body, content-length 0 and no rate headers", async () => {
    sandbox.throttleNext(1);
    const response = await fetch(`${sandbox.url}?id=1700000001&country=us`);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-length")).toBe("0");
    expect(response.headers.get("retry-after")).toBeNull();
    expect([...response.headers.keys()].filter((name) => name.includes("rate"))).toEqual([]);
    expect(await response.text()).toBe("");
    expect(sandbox.requests.map((request) => request.status)).toEqual([403]);
  });

  it("is backed off and retried: two throttled answers, then the results on the third request", async () => {
    sandbox.throttleNext(2);
    const throttled: Array<{ country: string; waitMs: number; attempt: number }> = [];
    const lookup = client({ backoffMs: 20, retries: 3, onThrottled: (info) => throttled.push(info) });
    const results = await lookup.lookupIds(["1700000120"], "DE");

    expect(results.map((result) => result.trackId)).toEqual([1700000120]);
    expect(throttled).toEqual([
      { country: "de", waitMs: 20, attempt: 1 },
      { country: "de", waitMs: 20, attempt: 2 },
    ]);
    expect(sandbox.requests.map((request) => request.status)).toEqual([403, 403, 200]);
    expect(lookup.requestCount).toBe(3);
  });

  it("gives the storefront up as LookupThrottledError once every retry is spent", async () => {
    sandbox.throttleNext(10);
    const failure = await client({ retries: 2 }).lookupIds(["1700000120"], "de").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LookupThrottledError);
    expect(failure).toMatchObject({ country: "de", attempts: 3 });
    expect(sandbox.requests.map((request) => request.status)).toEqual([403, 403, 403]);
  });

  it("counts requests per window when the sandbox is given a limit", async () => {
    const limited = await startItunesSandbox({ apps, throttle: { limit: 2, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await fetch(`${limited.url}?id=1700000001`)).status);
      expect(statuses).toEqual([200, 200, 403]);
      expect(limited.requests.map((request) => request.country)).toEqual(["us", "us", "us"]);
    } finally {
      await limited.close();
    }
  });

  it("stops waiting as soon as the run is cancelled", async () => {
    sandbox.throttleNext(1);
    const controller = new AbortController();
    const reason = new Error("run cancelled");
    // Cancelled once the ten-minute backoff has begun (the wait starts right after this callback).
    const lookup = client({ backoffMs: 600_000, signal: controller.signal, onThrottled: () => void setImmediate(() => controller.abort(reason)) });
    const started = Date.now();
    await expect(lookup.lookupIds(["1700000001"], "us")).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sandbox.requests.map((request) => request.status)).toEqual([403]);
  });
});

describe("failures", () => {
  it("name the storefront and the URL when iTunes cannot be reached", async () => {
    const url = sandbox.url;
    await sandbox.close();
    const lookup = new ItunesLookupClient({ baseUrl: url, backoffMs: 20, retries: 3 });
    await expect(lookup.lookupIds(["1700000001"], "fr")).rejects.toThrow(/could not be reached for storefront fr at http:\/\/127\.0\.0\.1:\d+\/lookup\?id=1700000001/);
    // Tried once more after a short wait, then reported.
    expect(lookup.requestCount).toBe(2);
  });
});
