import { describe, expect, it } from "vitest";
import { slugify, slugSchema } from "@/lib/accounts/slugs";

describe("slugs", () => {
  it("are made from names", () => {
    expect(slugify("Demo App")).toBe("demo-app");
    expect(slugify("  Ünïcödé -- Café!  ")).toBe("unicode-cafe");
    expect(slugify("a".repeat(60))).toHaveLength(48);
  });

  it("accept lowercase words with single dashes only", () => {
    expect(slugSchema.safeParse("demo-app").success).toBe(true);
    for (const bad of ["Demo", "-x", "x-", "a--b", "a", "a b", "../x"]) expect(slugSchema.safeParse(bad).success).toBe(false);
  });
});
