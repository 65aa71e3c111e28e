// ES256 JSON Web Tokens, as Apple's APIs take them (App Store Connect tokens, Apple Ads client
// secrets) and as the sandboxes check them. JWS wants the raw r||s signature (IEEE P1363), not
// node's default DER encoding.
import { sign, verify, type KeyObject } from "node:crypto";

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signEs256(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const unsigned = `${base64url(JSON.stringify({ alg: "ES256", ...header }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${base64url(sign(null, Buffer.from(unsigned), { key, dsaEncoding: "ieee-p1363" }))}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Whether the signature verifies with `publicKey`. */
  signedBy(publicKey: KeyObject): boolean;
}

const part = (value: string | undefined): Record<string, unknown> | null => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value ?? "", "base64url").toString("utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** The token's header and claims, unverified; null for anything that is not a JWT. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [headerPart, claimsPart, signature] = parts as [string, string, string];
  const header = part(headerPart);
  const claims = part(claimsPart);
  if (!header || !claims) return null;
  return {
    header,
    claims,
    signedBy: (publicKey) => {
      try {
        return verify(null, Buffer.from(`${headerPart}.${claimsPart}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
      } catch {
        // A signature of the wrong length or encoding.
        return false;
      }
    },
  };
}
