// A RevenueCat REST API v2 client (INTEGRATIONS.md §1a): bearer auth; forward-only paging through
// `next_page`, top-level and nested; requests paced to the budget the rate-limit headers state
// (pacer.ts); 429 waited out (Retry-After seconds) and the retryable 423/500/503 tried again after
// their `backoff_ms`, a bounded number of times.
import type { ActiveEntitlement, Customer, CustomerAlias, CustomerAttribute, CustomerDetail, CustomerRecord, ErrorBody, ListEnvelope, Purchase, Subscription } from "./types";
import { RatePacer } from "./pacer";
import { reach } from "@/lib/runtime/reach";
import { sleep } from "@/lib/runtime/sleep";

export class RevenueCatError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`RevenueCat ${status} ${type}: ${message}`);
    this.name = "RevenueCatError";
  }
}

export interface RevenueCatClientOptions {
  /** e.g. https://api.revenuecat.com/v2, or a proxy's http://proxy/rc/v2 */
  baseUrl: string;
  apiKey: string;
  projectId: string;
  signal?: AbortSignal;
  /** Called before waiting out a 429, so a job can say why it is paused. */
  onRateLimited?: (waitMs: number) => void;
  /** Called before trying a retryable error (423, 500, 503) again. */
  onRetry?: (status: number, waitMs: number) => void;
  maxRateLimitRetries?: number;
  maxRetries?: number;
  /** How long RevenueCat counts a request against the budget (a minute); tests shorten it. */
  rateWindowMs?: number;
  /** Page size for a customer's own lists (subscriptions, purchases, aliases…), 1–100. */
  listPageSize?: number;
}

// RevenueCat's retryable errors besides 429: resource_locked_error and server_error.
const RETRYABLE = new Set([423, 500, 503]);
const MAX_WAIT_MS = 120_000;

export class RevenueCatClient {
  private readonly base: URL;
  private readonly pacer: RatePacer;
  private sent = 0;

  constructor(private readonly options: RevenueCatClientOptions) {
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.pacer = new RatePacer({ windowMs: options.rateWindowMs });
  }

  /** Requests sent so far, retries included. */
  get requestCount(): number {
    return this.sent;
  }

  /** The budget RevenueCat last stated, per `budgetWindowMs`; null before the first answer. */
  get budget(): number | null {
    return this.pacer.limit;
  }

  get budgetWindowMs(): number {
    return this.pacer.windowMs;
  }

  /** Yields pages of customers after `startingAfter` (from the first), until there is no `next_page`. */
  async *customerPages(limit = 20, startingAfter: string | null = null): AsyncGenerator<Customer[]> {
    const after = startingAfter === null ? "" : `&starting_after=${encodeURIComponent(startingAfter)}`;
    let next: string | null = `${this.projectPath()}/customers?limit=${limit}${after}`;
    while (next) {
      const page: ListEnvelope<Customer> = await this.get(next);
      yield page.items;
      next = page.next_page ?? null;
    }
  }

  /** Counts customers after `startingAfter` in the largest pages: RevenueCat has no total. */
  async countCustomers(startingAfter: string | null = null, onPage?: (counted: number) => void): Promise<number> {
    let counted = 0;
    for await (const page of this.customerPages(100, startingAfter)) {
      counted += page.length;
      onPage?.(counted);
    }
    return counted;
  }

  /** A customer with its attributes and active entitlements, every nested page followed. */
  async customer(customerId: string): Promise<CustomerRecord> {
    const detail: CustomerDetail = await this.get(`${this.customerPath(customerId)}?expand=attributes`);
    const { active_entitlements, attributes, ...customer } = detail;
    return {
      ...customer,
      activeEntitlements: await this.rest(active_entitlements),
      attributes: attributes ? await this.rest(attributes) : [],
    };
  }

  activeEntitlements(customerId: string): Promise<ActiveEntitlement[]> {
    return this.list(`${this.customerPath(customerId)}/active_entitlements`);
  }

  attributes(customerId: string): Promise<CustomerAttribute[]> {
    return this.list(`${this.customerPath(customerId)}/attributes`);
  }

  aliases(customerId: string): Promise<CustomerAlias[]> {
    return this.list(`${this.customerPath(customerId)}/aliases`);
  }

  /** One-time (non-subscription) purchases. */
  purchases(customerId: string): Promise<Purchase[]> {
    return this.list(`${this.customerPath(customerId)}/purchases`);
  }

  subscriptions(customerId: string): Promise<Subscription[]> {
    return this.list(`${this.customerPath(customerId)}/subscriptions`);
  }

  private projectPath(): string {
    return `projects/${encodeURIComponent(this.options.projectId)}`;
  }

  private customerPath(customerId: string): string {
    return `${this.projectPath()}/customers/${encodeURIComponent(customerId)}`;
  }

  private async list<T>(path: string): Promise<T[]> {
    return this.rest(await this.get<ListEnvelope<T>>(`${path}?limit=${this.options.listPageSize ?? 100}`));
  }

  // An envelope's items and those of every page after it.
  private async rest<T>(first: ListEnvelope<T>): Promise<T[]> {
    const items = [...first.items];
    for (let next = first.next_page ?? null; next; ) {
      const page: ListEnvelope<T> = await this.get(next);
      items.push(...page.items);
      next = page.next_page ?? null;
    }
    return items;
  }

  private async get<T>(pathOrPage: string): Promise<T> {
    // Our own paths are relative to the base; `next_page` is a path from RevenueCat's root.
    const url = pathOrPage.startsWith("/") ? resolveNextPage(this.base, pathOrPage) : new URL(pathOrPage, this.base);
    const { signal } = this.options;
    for (let rateLimited = 0, failed = 0; ; ) {
      const slot = await this.pacer.acquire(signal);
      this.sent += 1;
      let response: Response;
      try {
        response = await reach("RevenueCat", url, { headers: { Authorization: `Bearer ${this.options.apiKey}`, Accept: "application/json" }, signal });
      } catch (error) {
        this.pacer.release(slot, null, null);
        throw error;
      }
      if (response.ok) {
        this.pacer.release(slot, headerNumber(response, "RevenueCat-Rate-Limit-Current-Usage"), headerNumber(response, "RevenueCat-Rate-Limit-Current-Limit"));
        return (await response.json()) as T;
      }
      this.pacer.release(slot, null, null);

      const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
      if (response.status === 429 && rateLimited < (this.options.maxRateLimitRetries ?? 10)) {
        rateLimited += 1;
        const waitMs = retryAfterMs(response.headers.get("retry-after"), body?.backoff_ms);
        this.options.onRateLimited?.(waitMs);
        await sleep(waitMs, signal);
        continue;
      }
      if (RETRYABLE.has(response.status) && failed < (this.options.maxRetries ?? 5)) {
        failed += 1;
        const waitMs = Math.min(typeof body?.backoff_ms === "number" && body.backoff_ms >= 0 ? body.backoff_ms : 1000, MAX_WAIT_MS);
        this.options.onRetry?.(response.status, waitMs);
        await sleep(waitMs, signal);
        continue;
      }
      throw new RevenueCatError(response.status, body?.type ?? "http_error", body?.message ?? response.statusText);
    }
  }
}

/**
 * Where a `next_page` points. RevenueCat writes it from its own root (`/v2/projects/…`); the
 * configured base stands for that `/v2/`, so a base under a prefix (http://proxy/rc/v2) keeps its
 * prefix. Anything else is refused rather than sent our key.
 */
export function resolveNextPage(base: URL, nextPage: string): URL {
  if (nextPage.startsWith("/v2/")) return new URL(nextPage.slice("/v2/".length), base);
  // A proxy that rewrote the path to its own prefix.
  if (nextPage.startsWith(base.pathname)) return new URL(nextPage, base.origin);
  throw new Error(`RevenueCat returned a next_page outside its API: ${nextPage}`);
}

function headerNumber(response: Response, name: string): number | null {
  const value = Number(response.headers.get(name) ?? Number.NaN);
  return Number.isFinite(value) ? value : null;
}

// Retry-After is in seconds (INTEGRATIONS.md); backoff_ms says the same in milliseconds.
export function retryAfterMs(header: string | null, backoffMs: number | null | undefined): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_WAIT_MS);
  if (typeof backoffMs === "number" && backoffMs >= 0) return Math.min(backoffMs, MAX_WAIT_MS);
  return 1000;
}
