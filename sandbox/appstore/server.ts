// A local App Store Connect sandbox: the same paths, JSON:API envelopes, errors and headers as the
// real API (INTEGRATIONS.md §2), over real HTTP, with deterministic data and in-memory state that
// pushes change. It verifies ES256 tokens, counts requests per key over a rolling hour
// (X-Rate-Limit on every answer, 429 when spent) and serves the demo (`npm start`) and the tests.
// Test hooks are plain methods on the returned object, never reachable over HTTP.
import { createHash, createPublicKey, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAnalyticsSandbox } from "./analytics-routes";
import type { SandboxAnalyticsData } from "./analytics-data";
import { verifyBearer, type RegisteredKey } from "./auth";
import { generateAppStoreApp, type SandboxAppData, type SandboxReview } from "./data";
import { appleErrors, errorReply, SandboxError, type Reply } from "./documents";
import { deriveKeyPair } from "./keys";
import type { SandboxRequest } from "./request";
import { reviewRoutes } from "./review-routes";
import { screenshotRoutes } from "./screenshot-routes";
import { versionRoutes } from "./version-routes";

export interface SandboxAppStoreApp {
  appId: string;
  issuerId: string;
  keyId: string;
  /** The team key; the sandbox registers its public half for keyId + issuerId. */
  privateKeyPem: string;
  seed?: number;
  reviewCount?: number;
}

export interface AppStoreSandboxOptions {
  port?: number;
  host?: string;
  apps: SandboxAppStoreApp[];
  /** Added to every response, so a pull takes visible time. */
  delayMs?: number;
  /** Requests per key per rolling window (App Store Connect: 3600 an hour). */
  budgetPerHour?: number;
  windowMs?: number;
  /** How long a new review response stays PENDING_PUBLISH (default 5 minutes). */
  publishResponsesAfterMs?: number;
  /**
   * How long the customerReviews listing keeps showing a published response as PENDING_PUBLISH
   * (default 10 minutes): the listing does not reliably surface the flip; a direct GET does.
   */
  listingLagMs?: number;
}

export interface SandboxRequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  /** A fingerprint of the bearer token (never the token), to tell tokens apart. */
  token: string | null;
}

export interface AppStoreSandbox {
  /** The API base URL, e.g. http://127.0.0.1:4011 (paths under /v1). */
  url: string;
  server: Server;
  requests: () => SandboxRequestRecord[];
  /** The app's live in-memory state, for asserting what pushes changed. */
  app: (appId: string) => SandboxAppData;
  /** Adds a review newer than every other one. */
  addReview: (appId: string, review?: Partial<Omit<SandboxReview, "id" | "responseId">>) => SandboxReview;
  /** The next `count` authenticated requests get `status` (401, 429, 500) instead of an answer. */
  failNextRequests: (count: number, status: 401 | 429 | 500) => void;
  /** Publishes every pending review response now. */
  publishResponses: () => void;
  /** The app's Analytics Reports data (every instance's rows), for computing what a pull stores. */
  analytics: (appId: string) => SandboxAnalyticsData;
  /** An ONGOING analytics report request made outside Taskdeck; returns its id. */
  createAnalyticsRequest: (appId: string) => string;
  /** Marks the app's analytics report requests stoppedDueToInactivity. */
  stopAnalyticsRequest: (appId: string) => void;
  /** Segment URLs listed so far answer 403: now, or after `afterDownloads` more downloads. */
  expireSegmentUrls: (options?: { afterDownloads?: number }) => void;
  close: () => Promise<void>;
}

const forcedErrors = { 401: appleErrors.notAuthorized, 429: appleErrors.rateLimited, 500: appleErrors.unexpected };
const fingerprint = (authorization: string | undefined) => (authorization ? createHash("sha256").update(authorization).digest("hex").slice(0, 16) : null);

export async function startAppStoreSandbox(options: AppStoreSandboxOptions): Promise<AppStoreSandbox> {
  const delayMs = options.delayMs ?? 0;
  const budget = options.budgetPerHour ?? 3600;
  const windowMs = options.windowMs ?? 3_600_000;
  const keys: RegisteredKey[] = [];
  const appsByKey = new Map<RegisteredKey, SandboxAppData[]>();
  const apps = new Map<string, SandboxAppData>();
  for (const app of options.apps) {
    let key = keys.find((candidate) => candidate.keyId === app.keyId && candidate.issuerId === app.issuerId);
    if (!key) {
      key = { issuerId: app.issuerId, keyId: app.keyId, publicKey: createPublicKey(app.privateKeyPem) };
      keys.push(key);
      appsByKey.set(key, []);
    }
    const data = generateAppStoreApp(app.appId, { seed: app.seed, reviewCount: app.reviewCount });
    apps.set(app.appId, data);
    appsByKey.get(key)!.push(data);
  }
  const analytics = createAnalyticsSandbox(options.apps);
  const routes = [versionRoutes, screenshotRoutes, analytics.route, reviewRoutes({ publishAfterMs: options.publishResponsesAfterMs ?? 5 * 60_000, listingLagMs: options.listingLagMs ?? 10 * 60_000 })];
  const usage = new Map<RegisteredKey, number[]>();
  const log: SandboxRequestRecord[] = [];
  const forced: Array<401 | 429 | 500> = [];
  let origin = "";

  const answer = (req: IncomingMessage, url: URL, body: unknown): { reply: Reply; headers: Record<string, string> } => {
    const key = verifyBearer(req.headers.authorization, keys, Math.floor(Date.now() / 1000));
    if (!key) return { reply: errorReply(appleErrors.notAuthorized), headers: {} };

    // A rolling hour per key: requests older than the window no longer count.
    const now = Date.now();
    const recent = (usage.get(key) ?? []).filter((at) => at > now - windowMs);
    usage.set(key, recent);
    const spent = recent.length >= budget;
    if (!spent) recent.push(now);
    const headers = { "X-Rate-Limit": `user-hour-lim:${budget};user-hour-rem:${Math.max(0, budget - recent.length)};` };
    if (spent) return { reply: errorReply(appleErrors.rateLimited), headers };
    const failure = forced.shift();
    if (failure) return { reply: errorReply(forcedErrors[failure]), headers };

    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== "v1") return { reply: errorReply(appleErrors.noPath(url.pathname)), headers };
    const request: SandboxRequest = { method: req.method ?? "GET", url, segments: segments.slice(1), body, apps: appsByKey.get(key)!, origin, now };
    try {
      for (const route of routes) {
        const reply = route(request);
        if (reply) return { reply, headers };
      }
      return { reply: errorReply(appleErrors.noPath(url.pathname)), headers };
    } catch (error) {
      if (error instanceof SandboxError) return { reply: errorReply(error.error), headers };
      throw error;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? "/", origin);
    // Analytics segment files are pre-signed downloads: no bearer token, no rate limit.
    const file = analytics.serveFile(url, Date.now());
    if (file) {
      log.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, status: file.status, token: fingerprint(req.headers.authorization) });
      res.writeHead(file.status, file.headers);
      res.end(file.body);
      return;
    }
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const { reply, headers } = answer(req, url, body);
    log.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, status: reply.status, token: fingerprint(req.headers.authorization) });
    res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { "Content-Type": "application/json" }), ...headers });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (delayMs > 0) setTimeout(() => handle(req, res, raw), delayMs);
      else handle(req, res, raw);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  origin = `http://${options.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;

  const appState = (appId: string) => {
    const app = apps.get(appId);
    if (!app) throw new Error(`The sandbox has no app ${appId}`);
    return app;
  };
  return {
    url: origin,
    server,
    requests: () => [...log],
    app: appState,
    addReview: (appId, fields = {}) => {
      const app = appState(appId);
      const newest = app.reviews.reduce((latest, review) => Math.max(latest, Date.parse(review.createdDate)), 0);
      const review: SandboxReview = {
        id: randomUUID(),
        rating: 5,
        title: "New review",
        body: "Added by a test.",
        reviewerNickname: "tester",
        territory: "USA",
        createdDate: new Date(Math.max(Date.now(), newest + 60_000)).toISOString(),
        ...fields,
        responseId: null,
      };
      app.reviews.unshift(review);
      return review;
    },
    failNextRequests: (count, status) => {
      for (let index = 0; index < count; index += 1) forced.push(status);
    },
    publishResponses: () => {
      for (const app of apps.values()) for (const response of app.responses.values()) response.publishAt = Math.min(response.publishAt, Date.now());
    },
    analytics: analytics.data,
    createAnalyticsRequest: (appId) => analytics.createRequest(appId),
    stopAnalyticsRequest: analytics.stopRequest,
    expireSegmentUrls: analytics.expireSegmentUrls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The app the demo project is connected to (prisma/seed.ts stores these on "Demo App"). The key
// is derived from a fixed seed, so it is the same on every start and no key file is committed.
export const demoAppStoreProject: SandboxAppStoreApp = {
  appId: "1500000001",
  issuerId: "69a6de70-0b3c-47e3-e053-5b8c7c11a4d1",
  keyId: "TDSANDBOX1",
  privateKeyPem: deriveKeyPair("taskdeck App Store Connect sandbox demo key").privateKeyPem,
  seed: 42,
  reviewCount: 312,
};
