// How the sandbox checks a bearer token, as App Store Connect does: an ES256 JWT whose signature
// verifies with the public key registered for its `kid` and `iss`, for audience
// appstoreconnect-v1, with an `iat`, not expired, and never valid for more than 20 minutes.
import type { KeyObject } from "node:crypto";
import { decodeJwt } from "@/lib/runtime/jwt";

export interface RegisteredKey {
  issuerId: string;
  keyId: string;
  publicKey: KeyObject;
}

export const MAX_TOKEN_LIFETIME_SECONDS = 20 * 60;
// Clocks differ a little; a token from a few seconds in the future is still fine.
const CLOCK_SKEW_SECONDS = 60;

/** The key that signed the request's token, or null when the token must be refused. */
export function verifyBearer(authorization: string | undefined, keys: RegisteredKey[], nowSeconds: number): RegisteredKey | null {
  if (!authorization?.startsWith("Bearer ")) return null;
  const token = decodeJwt(authorization.slice(7));
  if (!token || token.header.alg !== "ES256") return null;
  const { header, claims } = token;

  const key = keys.find((candidate) => candidate.keyId === header.kid && candidate.issuerId === claims.iss);
  if (!key || !token.signedBy(key.publicKey)) return null;

  const { iat, exp, aud } = claims;
  if (aud !== "appstoreconnect-v1" || typeof iat !== "number" || typeof exp !== "number") return null;
  if (exp <= nowSeconds || iat > nowSeconds + CLOCK_SKEW_SECONDS || exp - iat > MAX_TOKEN_LIFETIME_SECONDS) return null;
  return key;
}
