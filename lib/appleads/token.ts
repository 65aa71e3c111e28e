// Apple Ads access tokens (INTEGRATIONS.md §4): an ES256 client secret (sub clientId, iss teamId,
// aud https://appleid.apple.com, exp ≤ 180 days) traded at Apple's OAuth server for a one-hour
// bearer token (client credentials, scope searchadsorg). Tokens are cached for the whole process,
// not per client: every job, check and retry with the same credentials shares one token an hour.
import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import { reach } from "@/lib/runtime/reach";
import { signEs256 } from "@/lib/runtime/jwt";

export interface AppleAdsCredentials {
  clientId: string;
  teamId: string;
  keyId: string;
  orgId: string;
  /** The PEM private key whose public half is uploaded in the Apple Ads UI. A secret. */
  privateKey: string;
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

export const CLIENT_SECRET_AUDIENCE = "https://appleid.apple.com";
// Apple allows up to 180 days; a day is plenty and limits what a leaked secret is worth.
export const CLIENT_SECRET_SECONDS = 24 * 60 * 60;
// A token with less than this left is replaced before it is sent.
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

// Keyed by OAuth server, client id, key id and a fingerprint of the key: the same client id with
// another key (a "Test connection" with a wrong file) must ask Apple, not reuse a token.
const tokens = new Map<string, CachedToken>();
// Requests in flight, so concurrent callers wait for one answer instead of asking twice.
const pending = new Map<string, Promise<CachedToken>>();

export function clientSecret(credentials: AppleAdsCredentials, key: KeyObject, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  return signEs256({ kid: credentials.keyId }, { sub: credentials.clientId, iss: credentials.teamId, aud: CLIENT_SECRET_AUDIENCE, iat: now, exp: now + CLIENT_SECRET_SECONDS }, key);
}

export interface TokenSource {
  /** A token with more than the margin left: the cached one, or a new one from Apple. */
  current(): Promise<string>;
  /** Forgets `refused` (Apple answered 401 to it) so the next `current` asks for a new one. */
  invalidate(refused: string): void;
  /** The client secret this source sends to the token endpoint. */
  secret(): string;
}

export interface TokenSourceOptions {
  authUrl: string;
  credentials: AppleAdsCredentials;
  clock: () => number;
  signal?: AbortSignal;
  /** Called each time a token is requested from Apple (not when one is reused). */
  onTokenRequest?: () => void;
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const { credentials, clock } = options;
  const key = createPrivateKey(credentials.privateKey);
  const fingerprint = createHash("sha256").update(credentials.privateKey.trim()).digest("hex").slice(0, 16);
  const cacheKey = [options.authUrl, credentials.clientId, credentials.keyId, fingerprint].join("|");
  const secret = () => clientSecret(credentials, key, clock());

  const request = async (): Promise<CachedToken> => {
    options.onTokenRequest?.();
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: secret(), scope: "searchadsorg" });
    const url = new URL(`${options.authUrl.replace(/\/$/, "")}/auth/oauth2/token`);
    const response = await reach("Apple Ads", url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
      signal: options.signal,
    });
    const body = (await response.json().catch(() => null)) as { access_token?: string; expires_in?: number; error?: string } | null;
    if (!response.ok || !body?.access_token) {
      throw new AppleAdsError(response.status, body?.error ?? "token_error", "Apple refused the client credentials (check the client id, team id, key id and private key)");
    }
    return { value: body.access_token, expiresAt: clock() + (body.expires_in ?? 3600) * 1000 };
  };

  return {
    async current() {
      const cached = tokens.get(cacheKey);
      if (cached && cached.expiresAt - clock() > TOKEN_REFRESH_MARGIN_MS) return cached.value;
      let inFlight = pending.get(cacheKey);
      // The first caller's signal carries the shared request: its cancellation fails the waiters too,
      // who then ask again.
      if (!inFlight) {
        inFlight = request().then((token) => {
          tokens.set(cacheKey, token);
          return token;
        });
        pending.set(cacheKey, inFlight);
        // Settled either way: the next caller after a failure asks again.
        void inFlight.catch(() => undefined).finally(() => pending.delete(cacheKey));
      }
      return (await inFlight).value;
    },
    invalidate(refused) {
      if (tokens.get(cacheKey)?.value === refused) tokens.delete(cacheKey);
    },
    secret,
  };
}
