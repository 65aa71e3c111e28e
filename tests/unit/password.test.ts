import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("demo-password");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain("demo-password");
    expect(await verifyPassword("demo-password", hash)).toBe(true);
    expect(await verifyPassword("demo-passwore", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("rejects stored values that are not scrypt hashes", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
  });
});
