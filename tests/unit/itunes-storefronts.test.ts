// The storefronts app_store_ratings_sync reads: Apple's 175, and ITUNES_STOREFRONTS in their place.
import { afterEach, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/env";
import { marketedStorefronts, storefronts } from "@/lib/itunes/storefronts";

describe("marketedStorefronts", () => {
  it("holds the 175 storefronts as unique two-letter lowercase codes", () => {
    expect(marketedStorefronts).toHaveLength(175);
    expect(new Set(marketedStorefronts).size).toBe(175);
    for (const code of marketedStorefronts) expect(code).toMatch(/^[a-z]{2}$/);
    expect(marketedStorefronts).toEqual(expect.arrayContaining(["us", "gb", "de", "jp"]));
  });
});

describe("storefronts()", () => {
  const before = { ...process.env };
  afterEach(() => {
    delete process.env.ITUNES_STOREFRONTS;
    overrideEnv(before as Record<string, string>);
  });

  it("is every marketed storefront unless ITUNES_STOREFRONTS is set, then exactly those", () => {
    // parseEnv needs a database URL; nothing connects to it here.
    overrideEnv({ DATABASE_URL: before.DATABASE_URL ?? "postgresql://localhost/taskdeck" });
    delete process.env.ITUNES_STOREFRONTS;
    expect(storefronts()).toEqual([...marketedStorefronts]);

    overrideEnv({ ITUNES_STOREFRONTS: "us, GB,de" });
    expect(storefronts()).toEqual(["us", "gb", "de"]);
  });
});
