// App Store Connect tokens: ES256 JWTs with Apple's header and claims, a 10-minute lifetime, and a
// token source that reuses a token until less than a minute is left.
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenSource, mintToken, signingKey, TOKEN_LIFETIME_SECONDS } from "@/lib/appstore/token";
import { deriveKeyPair } from "@/sandbox/appstore/keys";

const keys = deriveKeyPair("unit test key");
const credentials = { issuerId: "69a6de70-0000-47e3-e053-5b8c7c11a4d1", keyId: "ABC123DEFG", privateKey: keys.privateKeyPem };
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;

describe("mintToken", () => {
  it("writes Apple's header and claims and lives 10 minutes", () => {
    const [header, claims] = mintToken(credentials, signingKey(credentials.privateKey), 1_800_000_000).split(".");
    expect(decode(header!)).toEqual({ alg: "ES256", kid: "ABC123DEFG", typ: "JWT" });
    expect(decode(claims!)).toEqual({ iss: credentials.issuerId, iat: 1_800_000_000, exp: 1_800_000_600, aud: "appstoreconnect-v1" });
    expect(TOKEN_LIFETIME_SECONDS).toBe(600);
  });

  it("signs with ES256 in JWS form: 64 raw bytes that verify with the public key", () => {
    const token = mintToken(credentials, signingKey(credentials.privateKey), 1_800_000_000);
    const [header, claims, signature] = token.split(".") as [string, string, string];
    const raw = Buffer.from(signature, "base64url");
    expect(raw).toHaveLength(64);
    const verifies = (publicKey: ReturnType<typeof createPublicKey>) =>
      verify(null, Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, raw);
    expect(verifies(keys.publicKey)).toBe(true);
    expect(verifies(deriveKeyPair("another key").publicKey)).toBe(false);
    // Tampered claims no longer verify.
    const forged = Buffer.from(JSON.stringify({ ...decode(claims), exp: 1_900_000_000 })).toString("base64url");
    expect(verify(null, Buffer.from(`${header}.${forged}`), { key: keys.publicKey, dsaEncoding: "ieee-p1363" }, raw)).toBe(false);
  });
});

describe("createTokenSource", () => {
  it("reuses the token while more than a minute is left, and mints a new one before expiry", () => {
    let now = 1_800_000_000_000;
    const source = createTokenSource(credentials, () => now);
    const first = source.current();
    now += 539_000; // 61 s left
    expect(source.current()).toBe(first);
    now += 2_000; // 59 s left: refreshed before Apple could refuse it
    const second = source.current();
    expect(second).not.toBe(first);
    expect(decode(second.split(".")[1]!)).toMatchObject({ iat: 1_800_000_541, exp: 1_800_001_141 });
    expect(source.current()).toBe(second);
  });

  it("mints a fresh token on demand (after a 401)", () => {
    const now = 1_800_000_000_000;
    const source = createTokenSource(credentials, () => now);
    const first = source.current();
    const fresh = source.refresh();
    expect(fresh).not.toBe(first);
    expect(source.current()).toBe(fresh);
  });

  it("refuses keys that are not ES256 PEM keys without quoting them", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => createTokenSource({ ...credentials, privateKey: rsa })).toThrow("The App Store Connect private key must be an ES256 (P-256) key");
    const garbage = "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----";
    const error = (() => {
      try {
        createTokenSource({ ...credentials, privateKey: garbage });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe("The App Store Connect private key is not a valid PKCS#8 PEM key");
    expect(error?.message).not.toContain("not-a-key");
  });
});

describe("deriveKeyPair", () => {
  it("gives the same P-256 key for the same seed, and another for another seed", () => {
    expect(deriveKeyPair("unit test key").privateKeyPem).toBe(keys.privateKeyPem);
    expect(deriveKeyPair("other seed").privateKeyPem).not.toBe(keys.privateKeyPem);
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.privateKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });
});
