// Apple's metadata limits as generate_metadata_translations checks them: keywords in UTF-8 bytes
// (multi-byte scripts reach 100 long before 100 characters), the other fields in characters.
import { describe, expect, it } from "vitest";
import { describeProblem, limitProblems, utf8Bytes } from "@/lib/translations/limits";

describe("translation limits", () => {
  it("count keywords in UTF-8 bytes", () => {
    expect(utf8Bytes("planner")).toBe(7);
    expect(utf8Bytes("習慣")).toBe(6);
    expect(utf8Bytes("ü")).toBe(2);
    expect(utf8Bytes("🗓")).toBe(4);
    // 34 CJK characters are 102 bytes: over, though far under 100 characters.
    const japanese = "習".repeat(34);
    expect(limitProblems({ keywords: japanese })).toEqual([{ field: "keywords", length: 102, max: 100, unit: "bytes" }]);
    expect(limitProblems({ keywords: "習".repeat(33) })).toEqual([]);
    expect(describeProblem(limitProblems({ keywords: japanese })[0]!)).toBe("keywords is 102 bytes (UTF-8), 2 over the limit of 100");
  });

  it("count the other fields in characters, an emoji as one", () => {
    expect(limitProblems({ promotionalText: "🎉".repeat(170) })).toEqual([]);
    expect(limitProblems({ promotionalText: "a".repeat(171), description: "d".repeat(4000), whatsNew: "w".repeat(4001) })).toEqual([
      { field: "whatsNew", length: 4001, max: 4000, unit: "characters" },
      { field: "promotionalText", length: 171, max: 170, unit: "characters" },
    ]);
  });
});
