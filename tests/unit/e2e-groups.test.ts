// The browser suite's files dealt into groups that run at once (scripts/test-e2e.ts).
import { describe, expect, it } from "vitest";
import { dealFiles } from "@/scripts/lib/e2e-groups";

describe("dealing the e2e files into groups", () => {
  it("puts every file in exactly one group, keeping the groups' weights close", () => {
    const files = [50, 40, 30, 20, 20, 10, 10, 5].map((weight, index) => ({ file: `e2e/f${index}.test.ts`, weight }));
    const groups = dealFiles(files, 2);
    expect(groups.flat().sort()).toEqual(files.map((file) => file.file).sort());
    const weights = groups.map((group) => group.reduce((sum, file) => sum + files.find((f) => f.file === file)!.weight, 0));
    expect(weights.sort()).toEqual([90, 95]);
  });

  it("makes no empty group when there are fewer files than groups", () => {
    expect(dealFiles([{ file: "e2e/only.test.ts", weight: 1 }], 3)).toEqual([["e2e/only.test.ts"]]);
  });

  it("deals the same way every time, whatever order the files came in", () => {
    const files = [{ file: "b", weight: 1 }, { file: "a", weight: 1 }, { file: "c", weight: 2 }];
    expect(dealFiles(files, 2)).toEqual(dealFiles([...files].reverse(), 2));
  });
});
