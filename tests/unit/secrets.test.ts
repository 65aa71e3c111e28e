// Sealing credentials (lib/secrets/seal.ts): AES-256-GCM, the key named in the value, bound to
// where the value is stored.
import { describe, expect, it } from "vitest";
import { keyId, newKey, open, parseKey, seal, SecretKeyError, type SecretKeys } from "@/lib/secrets/seal";

const keyA = parseKey(newKey());
const keyB = parseKey(newKey());
const only = (current: Buffer, previous: Buffer[] = []): SecretKeys => ({ current, previous });

describe("sealed credentials", () => {
  it("open with the key and context they were sealed with, and show nothing of the secret", () => {
    const sealed = seal('{"apiKey":"sk_live_secret"}', "integration:p1:revenuecat", only(keyA));
    expect(sealed).toMatch(new RegExp(`^v1:${keyId(keyA)}:`));
    expect(sealed).not.toContain("sk_live");
    expect(Buffer.from(sealed.split(":")[4]!, "base64").toString("latin1")).not.toContain("sk_live");
    expect(open(sealed, "integration:p1:revenuecat", only(keyA))).toBe('{"apiKey":"sk_live_secret"}');
    // A fresh nonce each time: the same secret never seals the same way twice.
    expect(seal("same", "c", only(keyA))).not.toBe(seal("same", "c", only(keyA)));
  });

  it("refuse another key, another row's context and a changed value, each saying so", () => {
    const sealed = seal("secret", "integration:p1:revenuecat", only(keyA));
    expect(() => open(sealed, "integration:p1:revenuecat", only(keyB))).toThrow(new SecretKeyError(`A stored credential was encrypted with key ${keyId(keyA)}, which is neither TASKDECK_ENCRYPTION_KEY nor in TASKDECK_ENCRYPTION_KEY_PREVIOUS`));
    expect(() => open(sealed, "integration:p2:revenuecat", only(keyA))).toThrow(/does not open/);
    const parts = sealed.split(":");
    parts[4] = Buffer.from("tampered").toString("base64");
    expect(() => open(parts.join(":"), "integration:p1:revenuecat", only(keyA))).toThrow(/does not open/);
  });

  it("still open with a previous key, while sealing with the current one", () => {
    const old = seal("secret", "c", only(keyA));
    const rotating = only(keyB, [keyA]);
    expect(open(old, "c", rotating)).toBe("secret");
    expect(seal("secret", "c", rotating)).toMatch(new RegExp(`^v1:${keyId(keyB)}:`));
  });

  it("need a key of 32 bytes to seal anything", () => {
    expect(() => seal("secret", "c", { current: null, previous: [] })).toThrow(/TASKDECK_ENCRYPTION_KEY is not set/);
    expect(() => parseKey("too-short")).toThrow(/32 random bytes/);
    expect(parseKey("00".repeat(32))).toHaveLength(32);
  });
});
