import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countText, countryName, dayText, humanise, platformName, ratingText, territoryName, versionTone } from "@/components/store/format";
import { storeHref } from "@/components/store/store-links";
import { alpha2OfTerritory } from "@/components/store/territories";
import { AppError } from "@/lib/errors";
import { marketedStorefronts } from "@/lib/itunes/storefronts";
import { decodeReviewCursor, encodeReviewCursor } from "@/lib/store/cursor";

describe("the reviews cursor", () => {
  it("reads back the review it was made from, to the millisecond", () => {
    const review = { createdDate: new Date("2026-03-04T05:06:07.089Z"), id: randomUUID() };
    const cursor = encodeReviewCursor(review);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReviewCursor(cursor)).toEqual(review);
  });

  it("refuses what is not one of ours as a bad request", () => {
    const encode = (text: string) => Buffer.from(text).toString("base64url");
    for (const cursor of ["", "not a cursor", encode("2026-03-04T05:06:07.089Z|not-a-uuid"), encode(`yesterday|${randomUUID()}`), encode(`2026-03-04T05:06:07.089Z|${randomUUID()}|extra`)]) {
      expect(() => decodeReviewCursor(cursor), cursor).toThrow(AppError);
      try {
        decodeReviewCursor(cursor);
      } catch (error) {
        expect((error as AppError).code).toBe("bad_request");
      }
    }
  });
});

describe("the Store page's words", () => {
  it("names countries from storefront codes and territories", () => {
    expect(countryName("de")).toBe("Germany");
    expect(countryName("us")).toBe("United States");
    expect(territoryName("GBR")).toBe("United Kingdom");
    expect(territoryName("jpn")).toBe("Japan");
    expect(territoryName("XYZ")).toBe("XYZ");
  });

  it("knows a territory for every storefront but Kosovo, each alpha-2 once", () => {
    const alpha2 = [...alpha2OfTerritory.values()];
    expect(new Set(alpha2).size).toBe(alpha2.length);
    expect(marketedStorefronts.filter((code) => !alpha2.includes(code.toUpperCase()))).toEqual(["xk"]);
    expect([...alpha2OfTerritory.keys()].every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });

  it("humanises Apple's states, platforms and release types", () => {
    expect(humanise("READY_FOR_DISTRIBUTION")).toBe("Ready for distribution");
    expect(humanise("AFTER_APPROVAL")).toBe("After approval");
    expect(platformName("IOS")).toBe("iOS");
    expect(platformName("MAC_OS")).toBe("macOS");
    expect(platformName("CAR_OS")).toBe("Car os");
    expect(versionTone("READY_FOR_SALE")).toBe("live");
    expect(versionTone("IN_REVIEW")).toBe("review");
    expect(versionTone("METADATA_REJECTED")).toBe("rejected");
    expect(versionTone("REPLACED_WITH_NEW_VERSION")).toBe("past");
    expect(versionTone("PREPARE_FOR_SUBMISSION")).toBe("draft");
  });

  it("writes ratings, counts and days the same everywhere", () => {
    expect(ratingText(4.567)).toBe("4.6");
    expect(ratingText(5)).toBe("5.0");
    expect(countText(1, "storefront")).toBe("1 storefront");
    expect(countText(12345, "rating")).toBe("12,345 ratings");
    expect(dayText("2026-03-03T23:30:00.000Z")).toBe("Mar 3, 2026");
  });

  it("keeps the filters in the URL, defaults left out", () => {
    expect(storeHref("acme")).toBe("/projects/acme/store");
    expect(storeHref("acme", "a1", { reply: "any" })).toBe("/projects/acme/store?app=a1");
    expect(storeHref("acme", "a1", { rating: 4, reply: "pending", cursor: "abc" })).toBe("/projects/acme/store?app=a1&rating=4&reply=pending&cursor=abc");
  });
});
