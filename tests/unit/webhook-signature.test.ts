import { describe, expect, it } from "vitest";
import { backoffMs } from "@/lib/notify/deliver";
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from "@/lib/notify/webhook-signature";

describe("webhook signatures", () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: "n1", type: "issue.new", data: { count: 1 } });

  it("are an HMAC-SHA256 of the timestamp and the body, verifiable with the secret", () => {
    const header = signWebhook(secret, body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body, header, nowSeconds: 1_800_000_010 })).toEqual({ ok: true, timestamp: 1_800_000_000 });
  });

  it("refuse another secret, another body, an old or future timestamp, and malformed headers", () => {
    const header = signWebhook(secret, body, 1_800_000_000);
    const at = { nowSeconds: 1_800_000_000 };
    expect(verifyWebhookSignature({ secret: newWebhookSecret(), body, header, ...at }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body: `${body} `, header, ...at }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header, nowSeconds: 1_800_000_301 }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header, nowSeconds: 1_799_999_699 }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header, nowSeconds: 1_800_000_301, toleranceSeconds: 600 }).ok).toBe(true);
    // Moving the timestamp breaks the signature: it is part of what was signed.
    expect(verifyWebhookSignature({ secret, body, header: header.replace("t=1800000000", "t=1800000100"), nowSeconds: 1_800_000_100 }).ok).toBe(false);
    for (const bad of [undefined, "", "v1=abc", "t=abc,v1=00", "t=1800000000", "t=1800000000,v1=zz"]) {
      expect(verifyWebhookSignature({ secret, body, header: bad, ...at }).ok).toBe(false);
    }
  });

  it("accept any of several v1 signatures (a receiver mid-rotation)", () => {
    const header = `${signWebhook(secret, body, 1_800_000_000)},v1=${"0".repeat(64)}`;
    expect(verifyWebhookSignature({ secret, body, header, nowSeconds: 1_800_000_000 }).ok).toBe(true);
  });
});

describe("delivery backoff", () => {
  it("doubles per attempt from the base, capped at an hour", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, 5000))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, 5000)).toBe(3_600_000);
  });
});
