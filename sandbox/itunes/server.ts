// A local iTunes Lookup sandbox (INTEGRATIONS.md §3, §9 and sandbox quirk 4): GET /lookup by
// comma-separated ids or a bundle id in one storefront, answered with whole software results as
// Apple sends them: text/javascript, averages as long float literals, genreIds and fileSizeBytes as
// strings, no rating fields where an app has no ratings, and resultCount 0 for unknown ids and
// storefronts. Throttling is Apple's too: a 403 with an empty body and no rate headers. Ratings are
// deterministic per app and storefront; test hooks are plain methods, never reachable over HTTP.
import type { IncomingMessage, ServerResponse } from "node:http";
import { marketedStorefronts } from "@/lib/itunes/storefronts";
import { listen, sendJson } from "../http";
import { random } from "../random";

export interface SandboxStoreApp {
  trackId: number;
  bundleId: string;
  trackName: string;
  version: string;
  currentVersionReleaseDate: string;
  /** Storefronts where it is sold; absent: every storefront the sandbox serves. */
  storefronts?: string[];
  /** Storefronts where it has no ratings (the rating fields are left out). */
  unrated?: string[];
  /** Deterministic per-country average (1–5, long float literal) and count. */
  seed: number;
}

export interface ItunesSandboxOptions {
  apps: SandboxStoreApp[];
  port?: number;
  /** Added to every response, so a sync takes visible time. */
  delayMs?: number;
  /** Requests per window before answering 403 with an empty body; absent: never throttles. */
  throttle?: { limit: number; windowMs: number };
}

export interface LookupLogEntry {
  country: string;
  ids: string[];
  bundleId: string | null;
  status: number;
  at: number;
}

export interface ItunesSandbox {
  /** The full lookup URL: `${origin}/lookup`. */
  url: string;
  /** Every lookup request, throttled ones included, in order. */
  requests: LookupLogEntry[];
  /** The next `count` requests answer 403 with an empty body. */
  throttleNext(count: number): void;
  /** More ratings for an app in a storefront (changes its count and average there). */
  addRatings(trackId: number, country: string, count: number, stars: number): void;
  setVersion(trackId: number, version: string, releasedAt: string): void;
  close(): Promise<void>;
}

interface Ratings {
  count: number;
  average: number;
}

const served = new Set(marketedStorefronts);
const noResults = { resultCount: 0, results: [] };
const javascript = { "Content-Type": "text/javascript; charset=utf-8" };

export async function startItunesSandbox(options: ItunesSandboxOptions): Promise<ItunesSandbox> {
  // Copies: setVersion changes the sandbox's apps, not the caller's.
  const lower = (codes: string[] | undefined) => codes?.map((code) => code.toLowerCase());
  const apps = new Map(options.apps.map((app) => [app.trackId, { ...app, storefronts: lower(app.storefronts), unrated: lower(app.unrated) }]));
  const ratings = new Map<string, Ratings | null>();
  const log: LookupLogEntry[] = [];
  const recent: number[] = [];
  let forcedThrottles = 0;

  const sells = (app: SandboxStoreApp, country: string) => served.has(country) && (app.storefronts ?? marketedStorefronts).includes(country);
  const ratingsIn = (app: SandboxStoreApp, country: string): Ratings | null => {
    const key = `${app.trackId}:${country}`;
    if (!ratings.has(key)) ratings.set(key, app.unrated?.includes(country) ? null : seededRatings(app.seed, country));
    return ratings.get(key)!;
  };

  // Forced throttles first, then a window counting the requests that were answered.
  const throttled = (now: number) => {
    if (forcedThrottles > 0) {
      forcedThrottles -= 1;
      return true;
    }
    if (!options.throttle) return false;
    while (recent.length > 0 && recent[0]! <= now - options.throttle.windowMs) recent.shift();
    if (recent.length >= options.throttle.limit) return true;
    recent.push(now);
    return false;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    if (req.method !== "GET" || url.pathname !== "/lookup") return sendJson(res, 404, { errorMessage: `No such path: ${url.pathname}` });
    const country = (url.searchParams.get("country") ?? "us").toLowerCase();
    const ids = [...new Set((url.searchParams.get("id") ?? "").split(",").map((id) => id.trim()).filter(Boolean))];
    const bundleId = url.searchParams.get("bundleId");
    const now = Date.now();
    const entry: LookupLogEntry = { country, ids, bundleId, status: 200, at: now };
    log.push(entry);

    if (throttled(now)) {
      entry.status = 403;
      res.writeHead(403, { "Content-Length": "0" });
      res.end();
      return;
    }
    // Apple's exact answer to a lookup of nothing is unconfirmed; a 400 naming the key is close.
    if (ids.length === 0 && !bundleId) {
      entry.status = 400;
      return sendJson(res, 400, { errorMessage: "Invalid value(s) for key(s): [id]" }, javascript);
    }
    // Unknown storefronts and apps not sold there give an empty list, as unknown ids do.
    const wanted = bundleId ? [...apps.values()].filter((app) => app.bundleId === bundleId) : ids.flatMap((id) => apps.get(Number(id)) ?? []);
    const results = wanted.filter((app) => sells(app, country)).map((app) => softwareResult(app, country, ratingsIn(app, country)));
    sendJson(res, 200, results.length === 0 ? noResults : { resultCount: results.length, results }, javascript);
  };

  const server = await listen(handle, { port: options.port, delayMs: options.delayMs });
  const appNamed = (trackId: number) => {
    const app = apps.get(trackId);
    if (!app) throw new Error(`The iTunes sandbox has no app ${trackId}`);
    return app;
  };
  return {
    url: `${server.origin}/lookup`,
    requests: log,
    throttleNext: (count) => {
      forcedThrottles += count;
    },
    addRatings: (trackId, country, count, stars) => {
      const app = appNamed(trackId);
      const code = country.toLowerCase();
      if (!Number.isInteger(count) || count < 1 || stars < 1 || stars > 5) throw new Error("addRatings takes a count of at least 1 and stars from 1 to 5");
      if (!sells(app, code)) throw new Error(`App ${trackId} is not sold in storefront ${code}`);
      const before = ratingsIn(app, code) ?? { count: 0, average: 0 };
      const total = before.count + count;
      ratings.set(`${trackId}:${code}`, { count: total, average: (before.average * before.count + stars * count) / total });
    },
    setVersion: (trackId, version, releasedAt) => {
      Object.assign(appNamed(trackId), { version, currentVersionReleaseDate: releasedAt });
    },
    close: server.close,
  };
}

// The same app and storefront always get the same ratings. Averages have Apple's five decimals and
// lean high (1 + 4·√r), as real ones do.
function seededRatings(seed: number, country: string): Ratings {
  const next = random(seed ^ [...country].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7));
  return { count: 5 + Math.floor(next() * 20_000), average: Math.round((1 + 4 * Math.sqrt(next())) * 100_000) / 100_000 };
}

// Apple prints a double's exact decimal expansion (4.13507 → 4.13506999999999980133225108147598803043365478515625).
// JSON.rawJSON (Node 22; not yet in TypeScript's ES2023 lib) puts that literal into the body as a number.
function longFloat(value: number): unknown {
  const literal = value.toFixed(60).replace(/0+$/, "").replace(/\.$/, "");
  return (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(literal);
}

const currencies: Record<string, string> = { gb: "GBP", jp: "JPY", ca: "CAD", au: "AUD", ch: "CHF", cn: "CNY", in: "INR", br: "BRL", kr: "KRW", mx: "MXN" };
const euro = new Set(["at", "be", "cy", "de", "ee", "es", "fi", "fr", "gr", "hr", "ie", "it", "lt", "lu", "lv", "mt", "nl", "pt", "si", "sk"]);
const genres = [
  { name: "Productivity", id: 6007 },
  { name: "Utilities", id: 6002 },
  { name: "Health & Fitness", id: 6013 },
  { name: "Food & Drink", id: 6023 },
];

// A whole software result, in the order and types Apple sends them.
function softwareResult(app: SandboxStoreApp, country: string, ratings: Ratings | null): Record<string, unknown> {
  const next = random(app.seed);
  const genre = genres[app.seed % genres.length]!;
  const slug = app.trackName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const artistId = 1_400_000_000 + (app.seed % 1000);
  const artwork = (size: number) => `https://is1-ssl.mzstatic.com/image/thumb/Purple221/v4/${app.trackId}/AppIcon-0-0-1x_U007emarketing-0-8-0-85-220.png/${size}x${size}bb.jpg`;
  // Left out, not 0, where the app has no ratings; the current version's equal the all-time ones, as in recent captures (§9).
  const currentVersionRatings = ratings ? { averageUserRatingForCurrentVersion: longFloat(ratings.average), userRatingCountForCurrentVersion: ratings.count } : {};
  const allTimeRatings = ratings ? { averageUserRating: longFloat(ratings.average), userRatingCount: ratings.count } : {};
  return {
    isGameCenterEnabled: false,
    features: ["iosUniversal"],
    supportedDevices: ["iPhone15-iPhone15", "iPadPro11M4-iPadPro11M4"],
    advisories: [],
    kind: "software",
    screenshotUrls: [1, 2, 3].map((index) => `https://is1-ssl.mzstatic.com/image/thumb/PurpleSource221/v4/${app.trackId}/${index}.png/392x696bb.png`),
    ipadScreenshotUrls: [],
    artworkUrl60: artwork(60),
    artworkUrl512: artwork(512),
    artworkUrl100: artwork(100),
    artistViewUrl: `https://apps.apple.com/${country}/developer/example-apps/id${artistId}?uo=4`,
    trackViewUrl: `https://apps.apple.com/${country}/app/${slug}/id${app.trackId}?uo=4`,
    minimumOsVersion: "16.0",
    languageCodesISO2A: ["DE", "EN", "FR", "JA"],
    fileSizeBytes: String(20_000_000 + Math.floor(next() * 80_000_000)),
    formattedPrice: "Free",
    contentAdvisoryRating: "4+",
    trackContentRating: "4+",
    ...currentVersionRatings,
    trackCensoredName: app.trackName,
    trackName: app.trackName,
    trackId: app.trackId,
    bundleId: app.bundleId,
    releaseNotes: `Version ${app.version}: fixes and improvements.`,
    version: app.version,
    currentVersionReleaseDate: app.currentVersionReleaseDate,
    releaseDate: "2021-03-15T07:00:00Z",
    primaryGenreName: genre.name,
    primaryGenreId: genre.id,
    genreIds: [String(genre.id), "6000"],
    genres: [genre.name, "Business"],
    sellerName: "Example Apps Ltd.",
    artistId,
    artistName: "Example Apps Ltd.",
    isVppDeviceBasedLicensingEnabled: true,
    currency: euro.has(country) ? "EUR" : (currencies[country] ?? "USD"),
    price: 0,
    description: `${app.trackName} is a sandbox app of Taskdeck's iTunes Lookup sandbox.`,
    wrapperType: "software",
    ...allTimeRatings,
  };
}

// The demo project's Apple app (prisma/seed.ts: com.example.demoapp; App Store Connect sandbox app
// 1500000001, whose live version is 2.3.0) and three unrelated apps sold in fewer storefronts.
export const demoItunesApps: SandboxStoreApp[] = [
  { trackId: 1500000001, bundleId: "com.example.demoapp", trackName: "Demo App", version: "2.3.0", currentVersionReleaseDate: "2026-10-02T16:04:11Z", unrated: ["nr", "pw", "tc"], seed: 42 },
  { trackId: 1600000002, bundleId: "com.example.focustimer", trackName: "Focus Timer", version: "5.1.2", currentVersionReleaseDate: "2026-08-19T09:30:00Z", storefronts: ["us", "gb", "ca", "au", "de", "fr"], seed: 7 },
  { trackId: 1600000003, bundleId: "com.example.recipebox", trackName: "Recipe Box", version: "1.0.4", currentVersionReleaseDate: "2026-11-03T12:00:00Z", unrated: ["jp"], seed: 19 },
  { trackId: 1600000004, bundleId: "com.example.trailmaps", trackName: "Trail Maps", version: "3.7.0", currentVersionReleaseDate: "2026-05-27T18:45:12Z", storefronts: ["us", "ca"], seed: 23 },
];
