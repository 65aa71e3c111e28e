// The sandbox's OAuth server (INTEGRATIONS.md §4): the client-credentials grant, with the client
// secret checked as Apple checks it (ES256 signed by the account's registered key, kid, sub, iss,
// aud, exp in the future and at most 180 days after iat), and the bearer tokens it issued.
import { randomBytes, createPublicKey, type KeyObject } from "node:crypto";
import { decodeJwt } from "@/lib/runtime/jwt";
import type { SandboxAdsAccount } from "./data";
import type { SandboxReply } from "./reports";

// Client secrets live at most 180 days.
const MAX_SECRET_SECONDS = 180 * 24 * 60 * 60;

export interface AdsTokens {
  /** Answers a token request: its query string and form body merged, as Apple accepts either. */
  grant(form: URLSearchParams): SandboxReply;
  /** The account a live bearer token was issued to; null for unknown or expired ones. */
  accountOf(authorization: string | undefined): SandboxAdsAccount | null;
}

export function adsTokens(accounts: SandboxAdsAccount[], tokenSeconds: number): AdsTokens {
  const registered = accounts.map((account) => ({ account, publicKey: createPublicKey(account.privateKeyPem) as KeyObject }));
  const issued = new Map<string, { account: SandboxAdsAccount; expiresAt: number }>();
  return {
    grant(form) {
      const entry = registered.find((candidate) => candidate.account.clientId === form.get("client_id"));
      const secret = decodeJwt(form.get("client_secret") ?? "");
      const now = Math.floor(Date.now() / 1000);
      const { iat, exp, sub, iss, aud } = secret?.claims ?? {};
      const valid =
        form.get("grant_type") === "client_credentials" &&
        form.get("scope") === "searchadsorg" &&
        entry !== undefined &&
        secret !== null &&
        secret.header.alg === "ES256" &&
        secret.header.kid === entry.account.keyId &&
        sub === entry.account.clientId &&
        iss === entry.account.teamId &&
        aud === "https://appleid.apple.com" &&
        typeof iat === "number" &&
        typeof exp === "number" &&
        exp > now &&
        exp - iat <= MAX_SECRET_SECONDS &&
        secret.signedBy(entry.publicKey);
      if (!valid || !entry) return { status: 400, body: { error: "invalid_client" } };
      const accessToken = randomBytes(24).toString("base64url");
      issued.set(accessToken, { account: entry.account, expiresAt: Date.now() + tokenSeconds * 1000 });
      return { status: 200, body: { access_token: accessToken, token_type: "Bearer", expires_in: tokenSeconds, scope: "searchadsorg" } };
    },
    accountOf(authorization) {
      const session = issued.get(authorization?.replace(/^Bearer /, "") ?? "");
      return session && session.expiresAt > Date.now() ? session.account : null;
    },
  };
}
