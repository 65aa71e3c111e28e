// A local RevenueCat API v2 sandbox: the same paths, envelopes, errors and rate-limit headers as
// the real API (INTEGRATIONS.md §1a), over real HTTP, with deterministic data. It serves the demo
// (`npm start`) and the tests, so revenuecat_sync runs for real without the internet.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ErrorBody } from "@/lib/revenuecat/types";
import { generateCustomers, type SandboxCustomer } from "./data";

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
  /** Customer Information requests allowed per key per minute (RevenueCat: 480). */
  budgetPerMinute?: number;
  windowMs?: number;
}

export interface RevenueCatSandbox {
  url: string;
  server: Server;
  requestCount: () => number;
  close: () => Promise<void>;
}

const errorStatus: Record<string, number> = {
  authentication_error: 401,
  authorization_error: 403,
  resource_missing: 404,
  parameter_error: 400,
  rate_limit_error: 429,
};

export async function startRevenueCatSandbox(options: RevenueCatSandboxOptions): Promise<RevenueCatSandbox> {
  const delayMs = options.delayMs ?? 0;
  const budget = options.budgetPerMinute ?? 480;
  const windowMs = options.windowMs ?? 60_000;
  const byKey = new Map<string, { projectId: string; customers: SandboxCustomer[]; index: Map<string, SandboxCustomer> }>();
  for (const project of options.projects) {
    const customers = generateCustomers(project.projectId, project.customerCount, project.seed);
    byKey.set(project.apiKey, { projectId: project.projectId, customers, index: new Map(customers.map((c) => [c.customer.id, c])) });
  }
  const windows = new Map<string, { startedAt: number; used: number }>();
  let requests = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, type: string, message: string, extra: Partial<ErrorBody> = {}, headers: Record<string, string> = {}) => {
    const retryable = type === "rate_limit_error";
    send(
      res,
      errorStatus[type] ?? 400,
      { object: "error", type, message, retryable, doc_url: `https://errors.rev.cat/${type.replaceAll("_", "-")}`, ...extra },
      headers,
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    if (req.method !== "GET") return fail(res, "parameter_error", "Only GET is supported by this sandbox");
    const auth = req.headers.authorization ?? "";
    const key = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    const account = byKey.get(key);
    if (!account) return fail(res, "authentication_error", "Invalid API key");

    // Per-key fixed window, counted like RevenueCat's Customer Information domain.
    const now = Date.now();
    let window = windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, used: 0 };
      windows.set(key, window);
    }
    if (window.used >= budget) {
      const waitMs = window.startedAt + windowMs - now;
      return fail(res, "rate_limit_error", "Rate limit exceeded", { backoff_ms: waitMs }, { "Retry-After": String(Math.ceil(waitMs / 1000)) });
    }
    window.used += 1;
    const rateHeaders = {
      "RevenueCat-Rate-Limit-Current-Usage": String(window.used),
      "RevenueCat-Rate-Limit-Current-Limit": String(budget),
    };

    const match = url.pathname.match(/^\/v2\/projects\/([^/]+)\/customers(?:\/([^/]+)(\/subscriptions)?)?$/);
    if (!match) return fail(res, "resource_missing", "Resource not found");
    const projectId = decodeURIComponent(match[1]!);
    if (projectId !== account.projectId) return fail(res, "authorization_error", "API key is not authorized for this project");
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get("limit") ?? 20) || 20));
    const startingAfter = url.searchParams.get("starting_after");

    if (!match[2]) {
      const start = startingAfter ? account.customers.findIndex((c) => c.customer.id === startingAfter) + 1 : 0;
      const items = account.customers.slice(start, start + limit).map((c) => c.customer);
      const last = items.at(-1);
      const more = start + limit < account.customers.length && last;
      const base = `/v2/projects/${encodeURIComponent(projectId)}/customers`;
      return send(
        res,
        200,
        {
          object: "list",
          items,
          ...(more ? { next_page: `${base}?limit=${limit}&starting_after=${encodeURIComponent(last.id)}` } : {}),
          url: `${url.pathname}${url.search}`,
        },
        rateHeaders,
      );
    }

    const entry = account.index.get(decodeURIComponent(match[2]));
    if (!entry) return fail(res, "resource_missing", "Customer not found");
    if (match[3]) {
      return send(res, 200, { object: "list", items: entry.subscriptions, next_page: null, url: `${url.pathname}${url.search}` }, rateHeaders);
    }
    const activeEntitlements = entry.subscriptions
      .filter((s) => s.gives_access)
      .flatMap((s) => s.entitlements.items.map((e) => ({ object: "customer.active_entitlement", entitlement_id: e.id, expires_at: s.current_period_ends_at })));
    return send(
      res,
      200,
      { ...entry.customer, active_entitlements: { object: "list", items: activeEntitlements, next_page: null, url: `${url.pathname}/active_entitlements` } },
      rateHeaders,
    );
  };

  const server = createServer((req, res) => {
    if (delayMs > 0) setTimeout(() => handle(req, res), delayMs);
    else handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}/v2`,
    server,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The account the demo project is connected to (prisma/seed.ts stores these on "Demo App").
export const demoRevenueCatProject: SandboxProject = {
  projectId: "proj_demo_app",
  apiKey: "sk_sandbox_demo_app_key",
  customerCount: 240,
  seed: 42,
};
