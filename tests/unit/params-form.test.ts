// The Run now form generated from a job type's JSON Schema: defaults in, typed params out.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { initialValues, valuesFromParams, valuesToParams } from "@/components/tasks/params-form";
import { humanize } from "@/lib/jobs/param-labels";

const schema = z.toJSONSchema(
  z
    .object({
      pageSize: z.number().int().min(1).max(100).default(20),
      locale: z.enum(["en-US", "de-DE"]),
      dryRun: z.boolean().default(false),
      note: z.string().max(4000).optional(),
    })
    .strict(),
  { io: "input" },
) as Record<string, unknown>;

describe("the Run now form", () => {
  it("starts from the schema's defaults", () => {
    expect(initialValues(schema)).toEqual({ pageSize: "20", locale: "", dryRun: false, note: "" });
  });

  it("sends numbers as numbers, switches as booleans, and leaves empty optional fields out", () => {
    expect(valuesToParams(schema, { pageSize: "50", locale: "de-DE", dryRun: true, note: "" })).toEqual({ pageSize: 50, locale: "de-DE", dryRun: true });
    // Text a number field cannot hold is sent as typed, so the schema names the problem.
    expect(valuesToParams(schema, { pageSize: "fifty", locale: "", dryRun: false, note: "hi" })).toEqual({ pageSize: "fifty", dryRun: false, note: "hi" });
  });

  it("holds a failed run's params for Retry with changes, and sends them back unchanged", () => {
    const params = { pageSize: 50, locale: "de-DE", dryRun: true };
    const values = valuesFromParams(schema, params);
    expect(values).toEqual({ pageSize: "50", locale: "de-DE", dryRun: true, note: "" });
    expect(valuesToParams(schema, values)).toEqual(params);
    // A param the run did not have keeps the field's default.
    expect(valuesFromParams(schema, { locale: "en-US" })).toEqual({ pageSize: "20", locale: "en-US", dryRun: false, note: "" });
  });

  it("labels fields in words", () => {
    expect(humanize("pageSize")).toBe("Page size");
    expect(humanize("build_number")).toBe("Build number");
    expect(humanize("submitForReview")).toBe("Submit for review");
  });
});
