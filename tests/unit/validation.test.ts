import { describe, expect, it } from "vitest";
import { containsNul, nameSchema } from "@/lib/validation";

describe("NUL characters", () => {
  it("are found in any string or key, however deep", () => {
    expect(containsNul("a\u0000b")).toBe(true);
    expect(containsNul({ list: [1, { deep: "x\u0000" }] })).toBe(true);
    expect(containsNul({ "key\u0000": 1 })).toBe(true);
  });

  it("are not confused with text that only spells the escape", () => {
    expect(containsNul({ path: "C:\\u0000dir" })).toBe(false);
    expect(containsNul([null, 1, true, "plain"])).toBe(false);
  });
});

describe("names", () => {
  it("are trimmed, bounded and free of control characters", () => {
    expect(nameSchema("name").parse("  CI deploys ")).toBe("CI deploys");
    expect(nameSchema("name").safeParse("   ").success).toBe(false);
    expect(nameSchema("name", 5).safeParse("toolong").success).toBe(false);
    expect(nameSchema("name").safeParse("line\nbreak").error?.issues[0]?.message).toBe("name must not contain control characters");
  });
});
