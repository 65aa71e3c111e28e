// How the sandbox checks a bearer token, as App Store Connect does: an ES256 JWT whose signature
// verifies with the public key registered for its `kid` and `iss`, for audience
// appstoreconnect-v1, with an `iat`, not expired, and never valid for more than 20 minutes.
import { verify, type KeyObject } from "node:crypto";

export interface RegisteredKey {
  issuerId: string;
  keyId: string;
  publicKey: KeyObject;
}

export const MAX_TOKEN_LIFETIME_SECONDS = 20 * 60;
// Clocks differ a little; a token from a few seconds in the future is still fine.
const CLOCK_SKEW_SECONDS = 60;

const decode = (part: string | undefined): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** The key that signed the request's token, or null when the token must be refused. */
export function verifyBearer(authorization: string | undefined, keys: RegisteredKey[], nowSeconds: number): RegisteredKey | null {
  if (!authorization?.startsWith("Bearer ")) return null;
  const parts = authorization.slice(7).split(".");
  if (parts.length !== 3) return null;
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = decode(headerPart);
  const claims = decode(claimsPart);
  if (!header || !claims || header.alg !== "ES256") return null;

  const key = keys.find((candidate) => candidate.keyId === header.kid && candidate.issuerId === claims.iss);
  if (!key) return null;
  if (!signatureVerifies(`${headerPart}.${claimsPart}`, signaturePart, key.publicKey)) return null;

  const { iat, exp, aud } = claims;
  if (aud !== "appstoreconnect-v1" || typeof iat !== "number" || typeof exp !== "number") return null;
  if (exp <= nowSeconds || iat > nowSeconds + CLOCK_SKEW_SECONDS || exp - iat > MAX_TOKEN_LIFETIME_SECONDS) return null;
  return key;
}

function signatureVerifies(signed: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(signed), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  } catch {
    // A signature of the wrong length or encoding.
    return false;
  }
}
