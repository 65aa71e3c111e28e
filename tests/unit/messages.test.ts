// Messages people read (issue 17): params named by their labels, not their keys, and counts in
// the right number.
import { describe, expect, it } from "vitest";
import { catalog } from "@/lib/jobs/catalog";
import { labelParamIssues, paramLabel } from "@/lib/jobs/param-labels";
import { plural } from "@/lib/plural";

function issuesOf(type: string, params: unknown) {
  const schema = catalog.get(type)!.paramsSchema;
  const parsed = schema.safeParse(params);
  if (parsed.success) throw new Error(`${type} accepted ${JSON.stringify(params)}`);
  return labelParamIssues(schema, parsed.error).issues.map(({ path, message }) => ({ path: path.join("."), message }));
}

describe("params' validation messages", () => {
  it("name each field by its label, keeping the key in the path", () => {
    expect(issuesOf("push_review", {})).toEqual([
      { path: "reviewId", message: "Review ID is required" },
      { path: "responseBody", message: "Response body is required" },
    ]);
    expect(issuesOf("push_metadata", { locale: "en-US", whatsNew: "w".repeat(4001) })).toEqual([{ path: "whatsNew", message: "What's New must be at most 4000 characters" }]);
    expect(issuesOf("revenuecat_sync", { pageSize: 500 })).toEqual([{ path: "pageSize", message: "Page size must be at most 100 (RevenueCat's page limit)" }]);
  });

  it("say which fields a rule about the whole params means, by label", () => {
    expect(issuesOf("push_metadata", { locale: "en-US" })).toEqual([
      { path: "", message: "Send at least one of Description, Keywords, What's New, Promotional Text, Marketing URL or Support URL" },
    ]);
  });

  it("label a field without a title by its key in words", () => {
    expect(paramLabel(catalog.get("push_build")!.paramsSchema, "submitForReview")).toBe("Submit for review");
    expect(paramLabel(catalog.get("push_review")!.paramsSchema, "reviewId")).toBe("Review ID");
  });
});

describe("counts", () => {
  it("are singular for exactly one", () => {
    expect([plural(0, "user"), plural(1, "user"), plural(2, "user"), plural(1, "pending reply", "pending replies")]).toEqual(["0 users", "1 user", "2 users", "1 pending reply"]);
    expect(plural(3, "attachment or file", "attachments and files")).toBe("3 attachments and files");
  });
});
