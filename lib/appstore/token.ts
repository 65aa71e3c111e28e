// App Store Connect API tokens: ES256 JWTs signed with the team key (INTEGRATIONS.md §2). Apple
// rejects tokens that live longer than 20 minutes; StorePush's live 10 minutes, and a token source
// mints a new one before the current one gets close to expiry, so long jobs never send a stale one.
import { createPrivateKey, type KeyObject } from "node:crypto";
import { signEs256 } from "@/lib/runtime/jwt";

export interface AppStoreCredentials {
  issuerId: string;
  keyId: string;
  /** The .p8 key as a PKCS#8 PEM. A secret: never logged, never returned. */
  privateKey: string;
}

export const TOKEN_LIFETIME_SECONDS = 10 * 60;
/** A token with less than this left is replaced before it is sent. */
export const TOKEN_REFRESH_MARGIN_SECONDS = 60;
export const TOKEN_AUDIENCE = "appstoreconnect-v1";

/** Parses the PEM once; the error never quotes the key. */
export function signingKey(privateKey: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    throw new Error("The App Store Connect private key is not a valid PKCS#8 PEM key");
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new Error("The App Store Connect private key must be an ES256 (P-256) key");
  }
  return key;
}

export function mintToken(credentials: Pick<AppStoreCredentials, "issuerId" | "keyId">, key: KeyObject, nowSeconds: number): string {
  return signEs256({ kid: credentials.keyId, typ: "JWT" }, { iss: credentials.issuerId, iat: nowSeconds, exp: nowSeconds + TOKEN_LIFETIME_SECONDS, aud: TOKEN_AUDIENCE }, key);
}

export interface TokenSource {
  /** The current token, minted anew when less than the refresh margin is left. */
  current(): string;
  /** A new token regardless of the current one's age (after App Store Connect refused it). */
  refresh(): string;
}

/** `clock` returns milliseconds since the epoch; tests pass their own. */
export function createTokenSource(credentials: AppStoreCredentials, clock: () => number = Date.now): TokenSource {
  const key = signingKey(credentials.privateKey);
  let token: { value: string; expiresAt: number } | null = null;
  const refresh = () => {
    const now = Math.floor(clock() / 1000);
    token = { value: mintToken(credentials, key, now), expiresAt: now + TOKEN_LIFETIME_SECONDS };
    return token.value;
  };
  return {
    current: () => {
      const remaining = token ? token.expiresAt - clock() / 1000 : 0;
      return token && remaining > TOKEN_REFRESH_MARGIN_SECONDS ? token.value : refresh();
    },
    refresh,
  };
}
