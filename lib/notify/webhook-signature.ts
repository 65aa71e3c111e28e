// How webhook deliveries are signed, and how a receiver checks them (README "Webhooks"):
//   X-Taskdeck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>
// The timestamp is inside what is signed, so a receiver that refuses old timestamps (five minutes
// by default) cannot be replayed a captured delivery later. Every attempt is signed afresh. Pure.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Taskdeck-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** What a webhook's sealed secret is bound to (lib/secrets/seal.ts; lib/secrets/stored.ts says the same in SQL). */
export const webhookSecretContext = (webhookId: string) => `webhook:${webhookId}`;

/** A new signing secret: whsec_ and 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

const digest = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${digest(secret, timestampSeconds, body)}`;
}

export type Verification = { ok: true; timestamp: number } | { ok: false; reason: string };

/** What a receiver does with a delivery: the signature must match and be recent. */
export function verifyWebhookSignature(input: { secret: string; body: string; header: string | null | undefined; nowSeconds?: number; toleranceSeconds?: number }): Verification {
  if (!input.header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = new Map<string, string[]>();
  for (const part of input.header.split(",")) {
    const [key, ...rest] = part.trim().split("=");
    if (key && rest.length) parts.set(key, [...(parts.get(key) ?? []), rest.join("=")]);
  }
  const timestamp = Number(parts.get("t")?.[0]);
  const signatures = parts.get("v1") ?? [];
  if (!Number.isInteger(timestamp) || signatures.length === 0) return { ok: false, reason: "the header is not t=…,v1=…" };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: "the timestamp is outside the tolerance (a replay, or a clock far off)" };
  const expected = Buffer.from(digest(input.secret, timestamp, input.body), "hex");
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "the signature does not match the body and secret" };
}
