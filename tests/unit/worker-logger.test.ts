// Worker log lines keep every field readable: nested objects as JSON, strings quoted.
import { describe, expect, it } from "vitest";
import { formatFields } from "@/worker/logger";

describe("formatFields", () => {
  it("writes objects as JSON, strings quoted and the rest as it is", () => {
    expect(formatFields({ project: "demo app", names_resolved: { campaigns: 2, adGroups: 3 }, apps: 1, dry: false, last: null })).toBe(
      ' project="demo app" names_resolved={"campaigns":2,"adGroups":3} apps=1 dry=false last=null',
    );
    expect(formatFields(undefined)).toBe("");
  });
});
