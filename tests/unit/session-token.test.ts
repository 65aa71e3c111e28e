// The session cookie's claims, decoded once and remembered (lib/auth/session-token.ts): a token is
// honoured only while valid, remembered or not, and a forged or altered one never.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeToken } from "@/lib/auth/session-token";

const secret = "a-test-secret-of-enough-length";
const claims = { sub: "user-1", email: "ada@example.com", sessionVersion: 2 };

describe("session tokens", () => {
  it("decode to their claims, the second time from memory", async () => {
    const token = await encode({ token: claims, secret, maxAge: 60 });
    const first = await decodeToken(token, secret);
    expect(first).toMatchObject(claims);
    // Remembered: the very same object, not decrypted again.
    expect(await decodeToken(token, secret)).toBe(first);
  });

  it("are refused once expired, even when remembered", async () => {
    const token = await encode({ token: claims, secret, maxAge: 1 });
    const decoded = await decodeToken(token, secret);
    expect(decoded).toMatchObject(claims);
    const expiresAt = (decoded!.exp as number) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 20));
    expect(await decodeToken(token, secret)).toBeNull();
  });

  it("are refused when forged with another secret, altered, or not a token at all", async () => {
    const forged = await encode({ token: claims, secret: "some-other-secret-entirely", maxAge: 60 });
    expect(await decodeToken(forged, secret)).toBeNull();
    const token = await encode({ token: claims, secret, maxAge: 60 });
    const altered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decodeToken(altered, secret)).toBeNull();
    expect(await decodeToken("not-a-token", secret)).toBeNull();
  });
});
