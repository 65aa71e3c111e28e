import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback";

describe("the login page's return address", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/projects/demo-app/runs?status=failed")).toBe("/projects/demo-app/runs?status=failed");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("refuses anything a browser would take to another host, and falls back to the home page", () => {
    for (const value of ["//evil.example", "/\\evil.example", "https://evil.example", "evil.example", "/\tevil", "", undefined, "javascript:alert(1)"]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});
