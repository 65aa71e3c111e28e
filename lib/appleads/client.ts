// An Apple Ads (Search Ads Campaign Management API v5) client (INTEGRATIONS.md §4): one-hour
// tokens shared across the process (./token.ts), `X-AP-Context: orgId=…` on every call but /acls
// and /me, the `{ data, pagination, error }` envelope unwrapped, lists read page by page
// (limit/offset, 1000 a page), totals-only reports (./reports.ts), a 401 answered by one new token
// and one retry, and a 429 retried after 2, 4, 8 and 16 s, as Apple asks, before failing clearly.
import { reach } from "@/lib/runtime/reach";
import { sleep } from "@/lib/runtime/sleep";
import { isoDate } from "./dates";
import { rangeProblem, REPORT_PAGE_SIZE, totalsReportBody } from "./reports";
import { AppleAdsError, createTokenSource, type AppleAdsCredentials, type TokenSource } from "./token";
import type { AdGroup, AdGroupRowMetadata, AppleAdsOrg, Campaign, CampaignRowMetadata, Envelope, ReportRange, ReportResponse, ReportRow } from "./types";

export { AppleAdsError, type AppleAdsCredentials, type AppleAdsOrg };

export interface AppleAdsClientOptions {
  /** e.g. https://api.searchads.apple.com/api/v5 */
  apiUrl: string;
  /** e.g. https://appleid.apple.com (the token endpoint is /auth/oauth2/token below it) */
  authUrl: string;
  credentials: AppleAdsCredentials;
  signal?: AbortSignal;
  /** Milliseconds since the epoch; tests pass their own. */
  clock?: () => number;
  /** The first wait after a 429, doubled for each next one (Apple: 2 s, 4, 8, 16). Tests pass a few ms. */
  backoffBaseMs?: number;
  /** 429s retried before giving up (Apple's schedule has 4). */
  maxRateLimitRetries?: number;
  /** Called before waiting out a 429, so a job can say why it is not moving. */
  onRateLimited?: (waitMs: number, retry: number) => void;
}

/** Apple's largest page for campaign and ad-group lists. */
export const LIST_PAGE_SIZE = 1000;

type Query = Record<string, string | number>;

export class AppleAdsClient {
  /** What this client sent: API requests (retries included), token requests, 429s met. */
  readonly stats = { requests: 0, tokenRequests: 0, rateLimited: 0 };
  private readonly tokens: TokenSource;
  private readonly clock: () => number;

  constructor(private readonly options: AppleAdsClientOptions) {
    this.clock = options.clock ?? Date.now;
    this.tokens = createTokenSource({ authUrl: options.authUrl, credentials: options.credentials, clock: this.clock, signal: options.signal, onTokenRequest: () => (this.stats.tokenRequests += 1) });
  }

  /** The client secret: what Apple's OAuth server trades for an access token. */
  clientSecret(): string {
    return this.tokens.secret();
  }

  accessToken(): Promise<string> {
    return this.tokens.current();
  }

  /** The organizations the credentials may act for (no org context needed). */
  async acls(): Promise<AppleAdsOrg[]> {
    const { data } = await this.send<AppleAdsOrg[] | AppleAdsOrg>("GET", "/acls", { orgContext: false });
    // Apple's documentation shows one object where the type says a list.
    return Array.isArray(data) ? data : [data];
  }

  /** The API user behind the credentials (no org context needed). */
  async me(): Promise<{ userId: number; parentOrgId: number | null }> {
    return (await this.send<{ userId: number; parentOrgId: number | null }>("GET", "/me", { orgContext: false })).data;
  }

  /** Every campaign of the org, every page. */
  campaigns(): Promise<Campaign[]> {
    return this.list<Campaign>("/campaigns");
  }

  async campaign(campaignId: number | string): Promise<Campaign> {
    return (await this.send<Campaign>("GET", `/campaigns/${encodeURIComponent(campaignId)}`)).data;
  }

  /** Every ad group of the campaign, every page. */
  adGroups(campaignId: number | string): Promise<AdGroup[]> {
    return this.list<AdGroup>(`/campaigns/${encodeURIComponent(campaignId)}/adgroups`);
  }

  async adGroup(campaignId: number | string, adGroupId: number | string): Promise<AdGroup> {
    return (await this.send<AdGroup>("GET", `/campaigns/${encodeURIComponent(campaignId)}/adgroups/${encodeURIComponent(adGroupId)}`)).data;
  }

  /** Each campaign's totals over the range (campaigns without metrics left out). */
  campaignReport(range: ReportRange): Promise<Array<ReportRow<CampaignRowMetadata>>> {
    return this.report<CampaignRowMetadata>("/reports/campaigns", range, "campaignId");
  }

  /** Each of the campaign's ad groups' totals over the range. */
  adGroupReport(campaignId: number | string, range: ReportRange): Promise<Array<ReportRow<AdGroupRowMetadata>>> {
    return this.report<AdGroupRowMetadata>(`/reports/campaigns/${encodeURIComponent(campaignId)}/adgroups`, range, "adGroupId");
  }

  private async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; ) {
      const { data, pagination } = await this.send<T[]>("GET", path, { query: { limit: LIST_PAGE_SIZE, offset } });
      items.push(...data);
      offset += data.length;
      if (data.length === 0 || !pagination || offset >= pagination.totalResults) return items;
    }
  }

  private async report<M>(path: string, range: ReportRange, orderBy: "campaignId" | "adGroupId"): Promise<Array<ReportRow<M>>> {
    // Refused here rather than by Apple, with the rule that was broken.
    const problem = rangeProblem(range, null, isoDate(new Date(this.clock())));
    if (problem) throw new Error(`Apple Ads report ${range.startTime}…${range.endTime} would be refused: ${problem}`);
    const rows: Array<ReportRow<M>> = [];
    for (let offset = 0; ; ) {
      const { data, pagination } = await this.send<ReportResponse<M>>("POST", path, { body: totalsReportBody(range, orderBy, offset, REPORT_PAGE_SIZE) });
      const page = data.reportingDataResponse?.row ?? [];
      rows.push(...page);
      offset += page.length;
      if (page.length === 0 || !pagination || offset >= pagination.totalResults) return rows;
    }
  }

  private async send<T>(method: "GET" | "POST", path: string, request: { query?: Query; body?: unknown; orgContext?: boolean } = {}): Promise<Envelope<T>> {
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, "")}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    const baseMs = this.options.backoffBaseMs ?? 2000;
    const maxRetries = this.options.maxRateLimitRetries ?? 4;
    let refreshed = false;
    let waitedMs = 0;
    for (let retry = 0; ; ) {
      const token = await this.tokens.current();
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
      if (request.orgContext !== false) headers["X-AP-Context"] = `orgId=${this.options.credentials.orgId}`;
      if (request.body !== undefined) headers["Content-Type"] = "application/json";
      this.stats.requests += 1;
      const response = await reach("Apple Ads", url, { method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body), signal: this.options.signal });
      const body = (await response.json().catch(() => null)) as Envelope<T> | null;
      if (response.ok && body) return body;
      if (response.status === 401 && !refreshed) {
        // The token expired early or was revoked: one more try with a new one.
        refreshed = true;
        this.tokens.invalidate(token);
        continue;
      }
      const first = body?.error?.errors?.[0];
      if (response.status === 429) {
        this.stats.rateLimited += 1;
        if (retry < maxRetries) {
          const waitMs = baseMs * 2 ** retry;
          retry += 1;
          waitedMs += waitMs;
          this.options.onRateLimited?.(waitMs, retry);
          await sleep(waitMs, this.options.signal);
          continue;
        }
        throw new AppleAdsError(429, first?.messageCode ?? "RATE_LIMIT_EXCEEDED", `still rate limited after ${maxRetries} retries over ${waitedMs / 1000} s (${method} ${path})`);
      }
      throw new AppleAdsError(response.status, first?.messageCode ?? "HTTP_ERROR", first?.message ?? (response.statusText || "Unexpected response"));
    }
  }
}
