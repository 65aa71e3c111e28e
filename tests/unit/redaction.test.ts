// What a run's log may not hold (lib/secrets/redaction.ts): the secrets the run opened, wherever
// they appear, values under secret-sounding keys, and the shapes of well-known credentials.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REDACTED, redactText, redactValue, rememberSecrets, withRedaction } from "@/lib/secrets/redaction";

describe("redaction", () => {
  it("hides what the run opened, only inside that run", async () => {
    const secret = "rc_0123456789abcdefXYZ";
    await withRedaction(async () => {
      rememberSecrets([secret, "short"]);
      expect(redactText(`key ${secret}!`)).toBe(`key ${REDACTED}!`);
      // Too short to hide without mangling ordinary words.
      expect(redactText("a short note")).toBe("a short note");
    });
    await withRedaction(async () => expect(redactText(`key ${secret}`)).toBe(`key ${secret}`));
  });

  it("hides a private key whole, and any one of its lines", async () => {
    const pem = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const line = pem.split("\n")[1]!;
    await withRedaction(async () => {
      rememberSecrets([pem]);
      expect(redactText(`key:\n${pem}`)).not.toContain(line);
      expect(redactText(`a line of it: ${line}`)).toBe(`a line of it: ${REDACTED}`);
    });
    // Unknown to the run, a PEM private key is still hidden by its shape.
    expect(redactText(pem)).toBe(REDACTED + "\n");
  });

  it("hides secret-named fields, bearer tokens, JWTs and API-key shapes anywhere in a value", () => {
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4eXoiLCJpYXQiOjE3MDB9.c2lnbmF0dXJlLXBhcnQtaGVyZQ";
    expect(
      redactValue({ password: "hunter2", clientSecret: "abc", apiKey: null, count: 3, nested: [{ token: "t" }, `Authorization: Bearer abcdefgh12345678`], note: `jwt ${jwt}`, key: "sk_live_abcdefghijklmnop" }),
    ).toEqual({ password: REDACTED, clientSecret: REDACTED, apiKey: null, count: 3, nested: [{ token: REDACTED }, `Authorization: ${REDACTED}`], note: `jwt ${REDACTED}`, key: REDACTED });
  });
});
