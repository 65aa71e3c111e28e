import { describe, expect, it } from "vitest";
import { CliError, exitCodes } from "@/cli/exit-codes";
import { parseParams } from "@/cli/params";

describe("--param key=value", () => {
  it("reads JSON-looking values as JSON and anything else as a string", () => {
    expect(parseParams(["pageSize=50", "dryRun=true", "locale=de", "note=", "ids=[1,2]", 'code="007"', "filter={\"a\":1}"])).toEqual({
      pageSize: 50,
      dryRun: true,
      locale: "de",
      note: "",
      ids: [1, 2],
      code: "007",
      filter: { a: 1 },
    });
  });

  it("keeps = signs after the first inside the value", () => {
    expect(parseParams(["query=a=b"])).toEqual({ query: "a=b" });
  });

  it.each([["noequals"], ["=value"], ["1key=x"], ["bad-key=x"], ["ids=[1,"], ["a=1", "a=2"], ["__proto__=1"], ["constructor=x"], ["prototype={}"]])("refuses %s with a bad-input error", (...pairs) => {
    const attempt = () => parseParams(pairs);
    expect(attempt).toThrow(CliError);
    try {
      attempt();
    } catch (error) {
      expect((error as CliError).exitCode).toBe(exitCodes.badInput);
    }
  });
});
