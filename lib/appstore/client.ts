// An App Store Connect API client: ES256 bearer tokens that are refreshed before they expire, one
// retry with a fresh token on a 401 (Apple also sends spurious ones), 429s waited out (Retry-After
// when present, otherwise exponential backoff from 1 s, as fastlane does), and JSON:API paging
// through `links.next`. The job's AbortSignal reaches every fetch and every wait.
import { errorFromBody, AppStoreConnectError } from "./errors";
import { createTokenSource, type AppStoreCredentials, type TokenSource } from "./token";
import type { CollectionDocument, Resource } from "./types";
import { reach } from "@/lib/runtime/reach";
import { sleep } from "@/lib/runtime/sleep";

export { AppStoreConnectError };

export interface AppStoreConnectClientOptions {
  /** e.g. https://api.appstoreconnect.apple.com; paths are under /v1. */
  baseUrl: string;
  credentials: AppStoreCredentials;
  signal?: AbortSignal;
  /** Called before waiting out a 429, so a job can say why it is not moving. */
  onRateLimited?: (waitMs: number) => void;
  maxRateLimitRetries?: number;
  /** Milliseconds since the epoch; tests inject their own. */
  clock?: () => number;
}

/** A client for one project's app, as a StorePush job holds it (lib/integrations/app-store.ts makes one). */
export interface AppStoreSession {
  client: AppStoreConnectClient;
  /** App Store Connect's id of the app. */
  appId: string;
  projectId: string;
  /** The project's app row for it (lib/apps/store-app.ts): what reviews belong to. */
  localAppId: string;
}

export type Query = Record<string, string | number | boolean | undefined>;

/** App Store Connect's largest page. */
export const MAX_PAGE_SIZE = 200;
const MAX_BACKOFF_MS = 60_000;

export class AppStoreConnectClient {
  private readonly base: URL;
  private readonly tokens: TokenSource;

  constructor(private readonly options: AppStoreConnectClientOptions) {
    this.base = new URL(options.baseUrl);
    this.tokens = createTokenSource(options.credentials, options.clock);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", this.url(path, query));
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", this.url(path), body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", this.url(path), body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>("DELETE", this.url(path));
  }

  /** Yields every page of a collection, following `links.next` until App Store Connect omits it. */
  async *pages<R extends Resource>(path: string, query: Query = {}): AsyncGenerator<CollectionDocument<R>> {
    let next: URL | null = this.url(path, query);
    while (next) {
      const page: CollectionDocument<R> = await this.request("GET", next);
      yield page;
      next = page.links.next ? this.sameOrigin(page.links.next) : null;
    }
  }

  private url(path: string, query: Query = {}): URL {
    // Keep a path prefix of the base URL (a proxy in front of the API), then /v1/….
    const url = new URL(`${this.base.pathname.replace(/\/$/, "")}${path}`, this.base.origin);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  // A next link is followed with our token attached, so it must point where the API is.
  private sameOrigin(link: string): URL {
    const url = new URL(link, this.base);
    if (url.origin !== this.base.origin) throw new Error(`App Store Connect sent a next link to another host (${url.origin})`);
    return url;
  }

  private async request<T>(method: string, url: URL, body?: unknown): Promise<T> {
    const maxRateLimitRetries = this.options.maxRateLimitRetries ?? 6;
    let rateLimited = 0;
    let refreshedAfter401 = false;
    for (;;) {
      const response = await reach("App Store Connect", url, {
        method,
        headers: {
          Authorization: `Bearer ${this.tokens.current()}`,
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.options.signal,
      });
      if (response.status === 204) return undefined as T;
      const parsed: unknown = await response.json().catch(() => null);
      if (response.ok) return parsed as T;

      if (response.status === 401 && !refreshedAfter401) {
        // Expired or spuriously refused: one more try with a token minted just now.
        refreshedAfter401 = true;
        this.tokens.refresh();
        continue;
      }
      if (response.status === 429 && rateLimited < maxRateLimitRetries) {
        const waitMs = retryAfterMs(response.headers.get("retry-after"), rateLimited);
        rateLimited += 1;
        this.options.onRateLimited?.(waitMs);
        await sleep(waitMs, this.options.signal);
        continue;
      }
      throw errorFromBody(response.status, response.statusText, parsed);
    }
  }
}

// Apple does not document Retry-After and often leaves it out: then 1 s, 2 s, 4 s… capped.
export function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_BACKOFF_MS);
  return Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS);
}
