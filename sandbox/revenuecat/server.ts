// A local RevenueCat API v2 sandbox: the same paths, envelopes, errors and rate-limit headers as
// the real API (INTEGRATIONS.md §1a), over real HTTP, with deterministic data. It serves the demo
// (`npm start`) and the tests, so revenuecat_sync and revenuecat_user_backfill run for real without
// the internet. Each key has its own budget over a rolling window; tests can inject the retryable
// failures (423, 500, 503) and read a log of every request.
import { createHash } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { ErrorBody } from "@/lib/revenuecat/types";
import { listen, sendJson } from "../http";
import { generateCustomers } from "./data";
import { answer, type SandboxAccount } from "./routes";

export interface SandboxProject {
  projectId: string;
  apiKey: string;
  customerCount: number;
  seed?: number;
}

export interface RevenueCatSandboxOptions {
  port?: number;
  host?: string;
  projects: SandboxProject[];
  /** Added to every response, so a sync takes visible time. */
  delayMs?: number;
  /** Customer Information requests allowed per key per window (RevenueCat: 480 a minute). */
  budgetPerMinute?: number;
  /** The budget's rolling window (default a minute); tests shorten it. */
  windowMs?: number;
  /** Serve under a prefix, as behind a proxy: "/rc" answers on /rc/v2/…, next_page still says /v2/…. */
  pathPrefix?: string;
  /** Items in get-customer's nested envelopes before their next_page (default 20). */
  nestedPageSize?: number;
}

export interface SandboxRequest {
  method: string;
  /** Path and query as sent, prefix included. */
  path: string;
  status: number;
  /** When the sandbox handled it (ms epoch), the instant its budget counted it. */
  at: number;
  /** keyFingerprint of the bearer key, "-" without one. */
  key: string;
}

export type InjectedStatus = 423 | 500 | 503;

export interface RevenueCatSandbox {
  /** The API base, e.g. http://127.0.0.1:4010/v2 (with the prefix, if any). */
  url: string;
  server: Server;
  requestCount: () => number;
  log: SandboxRequest[];
  /**
   * The next `count` authenticated requests (those whose path includes `pathIncludes`, if given)
   * fail with `status`: retryable, with `backoff_ms` (default 1000, as in RevenueCat's examples).
   */
  failNext: (count: number, status: InjectedStatus, options?: { backoffMs?: number; pathIncludes?: string }) => void;
  close: () => Promise<void>;
}

/** How the log names a key: enough to tell keys apart, never the key. */
export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex").slice(0, 12);
}

// The demo sandbox runs for days: the log keeps the latest requests, plenty for any test.
const LOG_LIMIT = 100_000;
const injectedType: Record<InjectedStatus, string> = { 423: "resource_locked_error", 500: "server_error", 503: "server_error" };

export async function startRevenueCatSandbox(options: RevenueCatSandboxOptions): Promise<RevenueCatSandbox> {
  const budget = options.budgetPerMinute ?? 480;
  const windowMs = options.windowMs ?? 60_000;
  const root = `${(options.pathPrefix ?? "").replace(/\/+$/, "")}/v2`;
  const nestedPageSize = options.nestedPageSize ?? 20;
  const byKey = new Map<string, SandboxAccount>();
  for (const project of options.projects) {
    const customers = generateCustomers(project.projectId, project.customerCount, project.seed);
    byKey.set(project.apiKey, { projectId: project.projectId, customers, byId: new Map(customers.map((entry) => [entry.customer.id, entry])) });
  }
  // When each key's counted requests arrived, oldest first: the rolling window.
  const counted = new Map<string, number[]>();
  const failures: Array<{ status: InjectedStatus; backoffMs: number; pathIncludes?: string }> = [];
  const log: SandboxRequest[] = [];
  let requests = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    const auth = req.headers.authorization ?? "";
    const key = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    requests += 1;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (log.length >= LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT + 1);
      log.push({ method: req.method ?? "GET", path: `${url.pathname}${url.search}`, status, at, key: key ? keyFingerprint(key) : "-" });
      sendJson(res, status, body, headers);
    };
    const fail = (status: number, type: string, message: string, backoffMs?: number, headers: Record<string, string> = {}) => {
      const body: ErrorBody = { object: "error", type, message, retryable: backoffMs !== undefined, doc_url: `https://errors.rev.cat/${type.replaceAll("_", "-")}` };
      reply(status, backoffMs === undefined ? body : { ...body, backoff_ms: backoffMs }, headers);
    };

    if (req.method !== "GET") return fail(400, "parameter_error", "Only GET is supported by this sandbox");
    const account = byKey.get(key);
    if (!account) return fail(401, "authentication_error", "Invalid API key");

    const window = (counted.get(key) ?? []).filter((time) => time > at - windowMs);
    counted.set(key, window);
    if (window.length >= budget) {
      const waitMs = Math.max(1, window[0]! + windowMs - at);
      return fail(429, "rate_limit_error", "Rate limit exceeded", waitMs, { "Retry-After": String(Math.ceil(waitMs / 1000)) });
    }
    window.push(at);

    const path = `${url.pathname}${url.search}`;
    const due = failures.findIndex((failure) => failure.pathIncludes === undefined || path.includes(failure.pathIncludes));
    const injected = due >= 0 ? failures.splice(due, 1)[0] : undefined;
    if (injected) return fail(injected.status, injectedType[injected.status], injected.status === 423 ? "The resource is locked, try again" : "Internal server error", injected.backoffMs);
    if (!url.pathname.startsWith(`${root}/`)) return fail(404, "resource_missing", "Resource not found");

    const result = answer(account, url.pathname.slice(root.length), url.searchParams, { nestedPageSize });
    if (result.status !== 200) return fail(result.status, result.type, result.message);
    reply(200, result.body, { "RevenueCat-Rate-Limit-Current-Usage": String(window.length), "RevenueCat-Rate-Limit-Current-Limit": String(budget) });
  };

  const server = await listen(handle, { port: options.port, host: options.host, delayMs: options.delayMs });
  return {
    url: `${server.origin}${root}`,
    server: server.server,
    requestCount: () => requests,
    log,
    failNext: (count, status, { backoffMs = 1000, pathIncludes } = {}) => {
      for (let index = 0; index < count; index += 1) failures.push({ status, backoffMs, pathIncludes });
    },
    close: server.close,
  };
}

// The account the demo project is connected to (prisma/seed.ts stores these on "Demo App").
export const demoRevenueCatProject: SandboxProject = {
  projectId: "proj_demo_app",
  apiKey: "sk_sandbox_demo_app_key",
  customerCount: 240,
  seed: 42,
};
