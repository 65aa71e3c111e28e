// An iTunes Lookup client (INTEGRATIONS.md §3, §9): no auth, App Store ids looked up in batches per
// storefront, and Apple's throttle (a 403 with an empty body, sometimes a 429) waited out a few
// times before the storefront is given up as LookupThrottledError for the next run to retry. The
// job's AbortSignal reaches every fetch and every wait; each request also times out on its own.
import { z } from "zod";
import { sleep } from "@/lib/runtime/sleep";

export interface LookupSoftware {
  trackId: number;
  trackName: string;
  bundleId: string;
  version: string;
  currentVersionReleaseDate?: string;
  averageUserRating?: number;
  userRatingCount?: number;
  averageUserRatingForCurrentVersion?: number;
  userRatingCountForCurrentVersion?: number;
}

/** A storefront still throttled after every backoff (the caller leaves it for the next run). */
export class LookupThrottledError extends Error {
  constructor(
    readonly country: string,
    /** Throttled answers in a row: the first one plus one per backoff. */
    readonly attempts: number,
  ) {
    super(`iTunes Lookup is still throttling storefront ${country} after ${attempts} tries`);
    this.name = "LookupThrottledError";
  }
}

export interface ItunesLookupOptions {
  /** The full lookup URL, e.g. https://itunes.apple.com/lookup */
  baseUrl: string;
  /** Aborts requests and backoff waits. */
  signal?: AbortSignal;
  /** Wait after a throttled answer (an empty-body 403) before trying again. */
  backoffMs: number;
  /** How many backoffs before throwing LookupThrottledError. */
  retries: number;
  /** Ids per request, default 100, capped at 200. */
  batchSize?: number;
  onThrottled?: (info: { country: string; waitMs: number; attempt: number }) => void;
}

// Users report valid answers up to about 200 ids a request; Apple documents no cap (§9).
const DEFAULT_BATCH_SIZE = 100;
const MAX_BATCH_SIZE = 200;
const REQUEST_TIMEOUT_MS = 30_000;
// A 5xx or an unreachable server is tried once more after this, then reported.
const FAILURE_RETRY_MS = 1000;

// Lenient on purpose: rating fields are left out where there are no ratings, and a value of an
// unexpected type is dropped rather than losing the app. genreIds and fileSizeBytes (strings) are not read.
const optionalNumber = z.number().optional().catch(undefined);
const softwareResult = z.object({
  wrapperType: z.string().optional().catch(undefined),
  kind: z.string().optional().catch(undefined),
  trackId: z.number(),
  trackName: z.string(),
  bundleId: z.string(),
  version: z.string(),
  currentVersionReleaseDate: z.string().optional().catch(undefined),
  averageUserRating: optionalNumber,
  userRatingCount: optionalNumber,
  averageUserRatingForCurrentVersion: optionalNumber,
  userRatingCountForCurrentVersion: optionalNumber,
});
const lookupBody = z.object({ results: z.array(z.unknown()) });

export class ItunesLookupClient {
  private readonly batchSize: number;
  private requests = 0;

  constructor(private readonly options: ItunesLookupOptions) {
    this.batchSize = Math.min(Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE)), MAX_BATCH_SIZE);
  }

  /** Requests made so far by this client (for results and benches). */
  get requestCount(): number {
    return this.requests;
  }

  /** The software results for these App Store ids in one storefront. Unknown ids are simply absent; match by trackId. */
  async lookupIds(ids: readonly string[], country: string): Promise<LookupSoftware[]> {
    const found: LookupSoftware[] = [];
    // One batch after another: the limit is per client (about 20 calls a minute), so parallel only throttles sooner.
    for (let start = 0; start < ids.length; start += this.batchSize) {
      const batch = ids.slice(start, start + this.batchSize);
      // Commas stay literal, as the client libraries that batch ids send them.
      found.push(...(await this.lookup(`id=${batch.map(encodeURIComponent).join(",")}&entity=software`, country)));
    }
    return found;
  }

  /** One app by bundle id, or null when the storefront does not have it. */
  async lookupBundleId(bundleId: string, country: string): Promise<LookupSoftware | null> {
    const results = await this.lookup(`bundleId=${encodeURIComponent(bundleId)}`, country);
    return results.find((result) => result.bundleId === bundleId) ?? results[0] ?? null;
  }

  private async lookup(query: string, country: string): Promise<LookupSoftware[]> {
    const code = country.toLowerCase();
    const url = new URL(this.options.baseUrl);
    url.search = `?${query}&country=${encodeURIComponent(code)}`;
    return readResults(await this.send(url, code), code, url);
  }

  // One request, with the throttle backed off up to `retries` times and a failure retried once.
  private async send(url: URL, country: string): Promise<string> {
    const { signal, backoffMs, retries } = this.options;
    let throttled = 0;
    let failedOnce = false;
    for (;;) {
      let answer: { status: number; body: string };
      try {
        answer = await this.fetchOnce(url);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (failedOnce) throw new Error(`iTunes Lookup could not be reached for storefront ${country} at ${url.href}: ${causeOf(error)}`);
        failedOnce = true;
        await sleep(FAILURE_RETRY_MS, signal);
        continue;
      }
      const { status, body } = answer;
      if (status >= 200 && status < 300) return body;
      if (status === 403 || status === 429) {
        throttled += 1;
        if (throttled > retries) throw new LookupThrottledError(country, throttled);
        this.options.onThrottled?.({ country, waitMs: backoffMs, attempt: throttled });
        await sleep(backoffMs, signal);
        continue;
      }
      if (status >= 500 && !failedOnce) {
        failedOnce = true;
        await sleep(FAILURE_RETRY_MS, signal);
        continue;
      }
      throw new Error(`iTunes Lookup answered HTTP ${status} for storefront ${country} (${url.href})`);
    }
  }

  private async fetchOnce(url: URL): Promise<{ status: number; body: string }> {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    this.requests += 1;
    const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
    // Read whole here, so the timeout and the job's signal cover the body too.
    return { status: response.status, body: await response.text() };
  }
}

// The body is JSON whatever its Content-Type says (text/javascript is common).
function readResults(body: string, country: string, url: URL): LookupSoftware[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`iTunes Lookup sent a body that is not JSON for storefront ${country} (${url.href})`);
  }
  const envelope = lookupBody.safeParse(parsed);
  if (!envelope.success) throw new Error(`iTunes Lookup sent no results list for storefront ${country} (${url.href})`);
  const software: LookupSoftware[] = [];
  for (const candidate of envelope.data.results) {
    const result = softwareResult.safeParse(candidate);
    if (!result.success || !isSoftware(result.data)) continue;
    const { wrapperType: _wrapperType, kind: _kind, ...fields } = result.data;
    software.push(withoutUndefined(fields));
  }
  return software;
}

// Apps, not the artists or in-app items a lookup with another entity can add; mac apps count too.
function isSoftware(result: { wrapperType?: string; kind?: string }): boolean {
  return result.wrapperType === "software" || result.kind === "software" || result.kind === "mac-software";
}

// An absent rating stays absent (not a key holding undefined), as Apple leaves it out.
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function causeOf(error: unknown): string {
  if (error instanceof Error) return (error.cause as Error | undefined)?.message ?? error.message;
  return String(error);
}
