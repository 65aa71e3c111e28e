// A RevenueCat REST API v2 client: bearer auth, forward-only paging through `next_page`, and
// rate limits honoured (429 → wait Retry-After seconds, then try again).
import type { Customer, ErrorBody, ListEnvelope, Subscription } from "./types";
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
  /** e.g. https://api.revenuecat.com/v2 */
  baseUrl: string;
  apiKey: string;
  projectId: string;
  signal?: AbortSignal;
  /** Called before waiting out a 429, so a job can say why it is paused. */
  onRateLimited?: (waitMs: number) => void;
  maxRateLimitRetries?: number;
}

export class RevenueCatClient {
  private readonly base: URL;

  constructor(private readonly options: RevenueCatClientOptions) {
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  }

  /** Yields pages of customers until RevenueCat stops returning `next_page`. */
  async *customerPages(limit = 20): AsyncGenerator<Customer[]> {
    let next: string | null = `projects/${encodeURIComponent(this.options.projectId)}/customers?limit=${limit}`;
    while (next) {
      const page: ListEnvelope<Customer> = await this.get(next);
      yield page.items;
      next = page.next_page ?? null;
    }
  }

  async subscriptions(customerId: string): Promise<Subscription[]> {
    const items: Subscription[] = [];
    let next: string | null =
      `projects/${encodeURIComponent(this.options.projectId)}/customers/${encodeURIComponent(customerId)}/subscriptions?limit=100`;
    while (next) {
      const page: ListEnvelope<Subscription> = await this.get(next);
      items.push(...page.items);
      next = page.next_page ?? null;
    }
    return items;
  }

  private resolve(pathOrUrl: string): URL {
    // `next_page` is an absolute path such as /v2/projects/…; our own paths are relative to the base.
    return new URL(pathOrUrl, this.base);
  }

  private async get<T>(pathOrUrl: string): Promise<T> {
    const url = this.resolve(pathOrUrl);
    const maxRetries = this.options.maxRateLimitRetries ?? 10;
    for (let attempt = 0; ; attempt += 1) {
      const response = await reach("RevenueCat", url, {
        headers: { Authorization: `Bearer ${this.options.apiKey}`, Accept: "application/json" },
        signal: this.options.signal,
      });
      if (response.ok) return (await response.json()) as T;

      const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
      if (response.status === 429 && attempt < maxRetries) {
        const waitMs = retryAfterMs(response.headers.get("retry-after"), body?.backoff_ms);
        this.options.onRateLimited?.(waitMs);
        await sleep(waitMs, this.options.signal);
        continue;
      }
      throw new RevenueCatError(response.status, body?.type ?? "http_error", body?.message ?? response.statusText);
    }
  }
}

// Retry-After is in seconds (INTEGRATIONS.md); backoff_ms says the same in milliseconds.
export function retryAfterMs(header: string | null, backoffMs: number | null | undefined): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 120_000);
  if (typeof backoffMs === "number" && backoffMs >= 0) return Math.min(backoffMs, 120_000);
  return 1000;
}
