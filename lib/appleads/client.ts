// An Apple Ads (Search Ads Campaign Management API v5) client (INTEGRATIONS.md §4): an ES256
// client-secret JWT traded for a one-hour access token (client credentials, scope searchadsorg),
// reused until shortly before it expires; calls carry `X-AP-Context: orgId=…` and answer in a
// `{ data, pagination, error }` envelope.
import { createPrivateKey, type KeyObject } from "node:crypto";
import { signEs256 } from "@/lib/runtime/jwt";
import { reach } from "@/lib/runtime/reach";

export interface AppleAdsCredentials {
  clientId: string;
  teamId: string;
  keyId: string;
  orgId: string;
  /** The PEM private key whose public half is uploaded in the Apple Ads UI. A secret. */
  privateKey: string;
}

export interface AppleAdsClientOptions {
  /** e.g. https://api.searchads.apple.com/api/v5 */
  apiUrl: string;
  /** e.g. https://appleid.apple.com (the token endpoint is /auth/oauth2/token below it) */
  authUrl: string;
  credentials: AppleAdsCredentials;
  signal?: AbortSignal;
  clock?: () => number;
}

export class AppleAdsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`Apple Ads ${status} ${code}: ${message}`);
    this.name = "AppleAdsError";
  }
}

export interface AppleAdsOrg {
  orgId: number;
  orgName: string;
  currency: string;
  timeZone: string;
  roleNames: string[];
}

interface Envelope<T> {
  data: T;
  pagination: { totalResults: number; startIndex: number; itemsPerPage: number } | null;
  error: { errors: Array<{ messageCode: string; message: string; field?: string }> } | null;
}

// Client secrets may live up to 180 days; a day is plenty and limits what a leaked one is worth.
const CLIENT_SECRET_SECONDS = 24 * 60 * 60;
// A token with less than this left is replaced before it is sent.
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export class AppleAdsClient {
  private readonly key: KeyObject;
  private token: { value: string; expiresAt: number } | null = null;
  private readonly clock: () => number;

  constructor(private readonly options: AppleAdsClientOptions) {
    this.key = createPrivateKey(options.credentials.privateKey);
    this.clock = options.clock ?? Date.now;
  }

  /** The client secret: what Apple's OAuth server trades for an access token. */
  clientSecret(): string {
    const { clientId, teamId, keyId } = this.options.credentials;
    const now = Math.floor(this.clock() / 1000);
    return signEs256({ kid: keyId }, { sub: clientId, iss: teamId, aud: "https://appleid.apple.com", iat: now, exp: now + CLIENT_SECRET_SECONDS }, this.key);
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - this.clock() > TOKEN_REFRESH_MARGIN_MS) return this.token.value;
    const query = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.options.credentials.clientId,
      client_secret: this.clientSecret(),
      scope: "searchadsorg",
    });
    const url = new URL(`${this.options.authUrl.replace(/\/$/, "")}/auth/oauth2/token`);
    const response = await this.fetch(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: query.toString() });
    const body = (await response.json().catch(() => null)) as { access_token?: string; expires_in?: number; error?: string } | null;
    if (!response.ok || !body?.access_token) {
      throw new AppleAdsError(response.status, body?.error ?? "token_error", "Apple refused the client credentials (check the client id, team id, key id and private key)");
    }
    this.token = { value: body.access_token, expiresAt: this.clock() + (body.expires_in ?? 3600) * 1000 };
    return this.token.value;
  }

  /** The organizations the credentials may act for (no org context needed). */
  async acls(): Promise<AppleAdsOrg[]> {
    const data = await this.get<AppleAdsOrg[] | AppleAdsOrg>("/acls", { orgContext: false });
    // Apple's documentation shows one object where the type says a list.
    return Array.isArray(data) ? data : [data];
  }

  async get<T>(path: string, options: { orgContext?: boolean } = {}): Promise<T> {
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, "")}${path}`);
    let refreshed = false;
    for (;;) {
      const headers: Record<string, string> = { Authorization: `Bearer ${await this.accessToken()}`, Accept: "application/json" };
      if (options.orgContext !== false) headers["X-AP-Context"] = `orgId=${this.options.credentials.orgId}`;
      const response = await this.fetch(url, { headers });
      const body = (await response.json().catch(() => null)) as Envelope<T> | null;
      if (response.ok && body) return body.data;
      if (response.status === 401 && !refreshed) {
        // The token expired early or was revoked: one more try with a new one.
        refreshed = true;
        this.token = null;
        continue;
      }
      const first = body?.error?.errors?.[0];
      throw new AppleAdsError(response.status, first?.messageCode ?? "HTTP_ERROR", first?.message ?? (response.statusText || "Unexpected response"));
    }
  }

  private fetch(url: URL, init: RequestInit): Promise<Response> {
    return reach("Apple Ads", url, { ...init, signal: this.options.signal });
  }
}
