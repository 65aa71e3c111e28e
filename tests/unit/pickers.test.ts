// The Run now pickers' pure parts: how pulled data reads in the list, which options a search keeps,
// review snippets, the LIKE pattern the server searches with, and the definitions' picker hints.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildItem, localeItem, matchesSearch, replyText, reviewLine, snippet, versionItem } from "@/components/tasks/picker-text";
import { likePattern } from "@/lib/dashboard/picker-options";
import { catalog } from "@/lib/jobs/catalog";
import { definitionProblems, defineJobType } from "@/lib/jobs/definition";

describe("the pickers' words", () => {
  it("names locales, versions and builds with what the team needs to choose", () => {
    expect(localeItem({ value: "de-DE", versions: ["2.4.0", "2.3.0"] })).toEqual({ value: "de-DE", primary: "de-DE · German (Germany)", secondary: "In 2.4.0, 2.3.0" });
    expect(localeItem({ value: "zh-Hans", versions: [] })).toEqual({ value: "zh-Hans", primary: "zh-Hans · Simplified Chinese", secondary: "" });
    expect(versionItem({ value: "2.4.0", platform: "IOS", state: "PREPARE_FOR_SUBMISSION", createdDate: "2026-10-27T00:00:00.000Z" })).toEqual({
      value: "2.4.0",
      primary: "2.4.0",
      secondary: "Prepare for submission · iOS · created Oct 27, 2026",
    });
    expect(buildItem({ value: "108", processingState: "VALID", uploadedDate: "2026-07-05T03:00:00.000Z", expired: false, version: "2.3.0" }).secondary).toBe("Version 2.3.0 · uploaded Jul 5, 2026 · Valid");
    expect(buildItem({ value: "101", processingState: "VALID", uploadedDate: null, expired: true, version: null })).toEqual({ value: "101", primary: "Build 101", secondary: "No version attached · Expired" });
  });

  it("keeps the options that hold every word typed, in any case and order", () => {
    const german = localeItem({ value: "de-DE", versions: ["2.4.0"] });
    expect(matchesSearch(german, "german")).toBe(true);
    expect(matchesSearch(german, "  GERMANY  de ")).toBe(true);
    expect(matchesSearch(german, "de-DE")).toBe(true);
    expect(matchesSearch(german, "2.4.0")).toBe(true);
    expect(matchesSearch(german, "german france")).toBe(false);
    expect(matchesSearch(german, "")).toBe(true);
  });

  it("cuts a review's body at a word with an ellipsis, and reads a review out in one line", () => {
    expect(snippet("Short and sweet.")).toBe("Short and sweet.");
    expect(snippet(null)).toBe("");
    expect(snippet("  spaced\n\nout   text ")).toBe("spaced out text");
    const long = "The tide charts are spot on and the widgets are lovely, would love a way to compare two harbours side by side";
    expect(snippet(long, 40)).toBe("The tide charts are spot on and the…");
    expect(snippet("x".repeat(50), 20)).toBe(`${"x".repeat(20)}…`);
    const review = { value: "r1", rating: 4, title: "Great, one wish", body: "b", reviewerNickname: "maple12", territory: "GBR", createdDate: "2026-10-31T23:00:00.000Z", responseState: null };
    expect(reviewLine(review)).toBe("4 stars · Great, one wish · maple12 · United Kingdom · Oct 31, 2026");
    expect(reviewLine({ ...review, title: null, reviewerNickname: null })).toBe("4 stars · (no title) · anonymous · United Kingdom · Oct 31, 2026");
    expect([replyText(null), replyText("PENDING_PUBLISH"), replyText("PUBLISHED")]).toEqual([null, "Answer awaiting publication", "Answered"]);
  });

  it("searches reviews for the characters typed, wildcards included", () => {
    expect(likePattern("crash")).toBe("%crash%");
    expect(likePattern("100%_sure\\")).toBe("%100\\%\\_sure\\\\%");
  });
});

describe("picker hints in job type definitions", () => {
  it("are given to the App Store Connect push types, on fields their params have", () => {
    expect(catalog.get("push_metadata")?.pickers).toEqual({ locale: "locale", version: "version" });
    expect(catalog.get("push_build")?.pickers).toEqual({ buildNumber: "build", version: "version" });
    expect(catalog.get("push_review")?.pickers).toEqual({ reviewId: "review" });
    for (const definition of catalog.all()) expect(definitionProblems(definition), definition.type).toEqual([]);
  });

  it("are refused at assembly when they name no field, or no kind of picker", () => {
    const base = { type: "pick_test", label: "Pick test", description: "", scope: "project", ordering: "independent", paramsSchema: z.object({ locale: z.string() }).strict() } as const;
    expect(definitionProblems(defineJobType({ ...base, pickers: { locale: "locale" } }))).toEqual([]);
    expect(definitionProblems(defineJobType({ ...base, pickers: { language: "locale" } }))).toEqual(["pickers.language names no field of the params schema"]);
    expect(definitionProblems({ ...base, pickers: { locale: "country" as never } })).toEqual(["pickers.locale must be one of locale, version, build, review"]);
  });
});
