// What the Run now pickers offer (lib/dashboard/picker-options.ts), on real PostgreSQL: the pulled
// locales, versions and builds whole; the reviews of the connected app searched by text or id,
// unanswered first, paged by keyset; nothing of another project's or another app's; and "nothing
// pulled" told apart from "nothing matches".
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { pickerOptions, pickerQuerySchema, type BuildOption } from "@/lib/dashboard/picker-options";
import { createAppStoreProject, sandboxApp } from "../helpers/appstore";

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const query = (input: Record<string, unknown>) => pickerQuerySchema.parse(input);

/** A connected project with 45 reviews on its App Store app: review i is i hours old, every third answered. */
async function pulledProject(appStoreId: string) {
  const { project } = await createAppStoreProject(sandboxApp(appStoreId));
  // Connecting made sure of the app the connection names.
  const app = await prisma.app.findFirstOrThrow({ where: { projectId: project.id, appleAppStoreId: appStoreId, deletedAt: null } });
  // Another Apple app of the project, not the connected one: push_review could not answer its reviews.
  const other = await prisma.app.create({ data: { projectId: project.id, name: "Tidepool Widgets", platform: "apple", appleAppStoreId: `${appStoreId}9`, appleAppStoreIdSource: "entered" } });
  await prisma.appStoreReview.createMany({
    data: [
      ...Array.from({ length: 45 }, (_, index) => ({
        projectId: project.id,
        appId: app.id,
        externalId: `review-${index + 1}`,
        rating: (index % 5) + 1,
        title: index === 7 ? "100% offline_ready" : `Review ${index + 1}`,
        body: index === 3 ? "The map crashes when I zoom out." : `Body of review ${index + 1}.`,
        reviewerNickname: index === 11 ? "Harbour Master" : `swimmer${index + 1}`,
        territory: "USA",
        createdDate: hoursAgo(index + 1),
        responseState: index % 3 === 0 ? "PUBLISHED" : null,
        responseBody: index % 3 === 0 ? "Thanks!" : null,
        syncedAt: new Date(),
      })),
      { projectId: project.id, appId: other.id, externalId: "widgets-review", rating: 1, title: "Widgets crash", body: "crashes", territory: "USA", createdDate: hoursAgo(0.5), syncedAt: new Date() },
    ],
  });
  return project;
}

describe("the review picker", () => {
  it("lists the connected app's unanswered reviews newest first, page by page, with their count", async () => {
    const project = await pulledProject("9100000101");
    const first = await pickerOptions(project.id, query({ kind: "review" }));
    expect(first).toMatchObject({ kind: "review", total: 30, pulled: true });
    expect(first.options.map((option) => option.value)).toEqual([2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24, 26, 27, 29, 30].map((n) => `review-${n}`));
    expect(first.options[0]).toEqual({ value: "review-2", rating: 2, title: "Review 2", body: "Body of review 2.", reviewerNickname: "swimmer2", territory: "USA", createdDate: expect.any(String), responseState: null });
    const second = await pickerOptions(project.id, query({ kind: "review", cursor: first.nextCursor }));
    expect(second.options.map((option) => option.value)).toEqual([32, 33, 35, 36, 38, 39, 41, 42, 44, 45].map((n) => `review-${n}`));
    expect(second.nextCursor).toBeNull();
    const all = await pickerOptions(project.id, query({ kind: "review", reply: "any", limit: 50 }));
    expect([all.total, all.options.length, all.options[0]?.value]).toEqual([45, 45, "review-1"]);
    expect(all.options.some((option) => option.value === "widgets-review")).toBe(false);
  });

  it("searches titles, bodies and nicknames in any case, and finds a pasted id", async () => {
    const project = await pulledProject("9100000102");
    const values = async (q: string, reply = "any") => (await pickerOptions(project.id, query({ kind: "review", q, reply }))).options.map((option) => option.value);
    expect(await values("CRASHES")).toEqual(["review-4"]);
    expect(await values("harbour master")).toEqual(["review-12"]);
    expect(await values("review-40")).toEqual(["review-40"]);
    // "%" and "_" are the characters typed, not wildcards.
    expect(await values("100% offline_")).toEqual(["review-8"]);
    expect(await values("1%0")).toEqual([]);
    // Answered reviews are left out of the unanswered search.
    expect(await values("crashes", "unanswered")).toEqual([]);
    const none = await pickerOptions(project.id, query({ kind: "review", q: "no such words" }));
    expect([none.total, none.pulled]).toEqual([0, true]);
  });

  it("says nothing is pulled for a project without reviews, and shows none of another project's", async () => {
    await pulledProject("9100000103");
    const { project } = await createAppStoreProject(sandboxApp("9100000103"));
    expect(await pickerOptions(project.id, query({ kind: "review", reply: "any" }))).toEqual({ kind: "review", options: [], total: 0, pulled: false, nextCursor: null });
  });

  it("refuses what is not a picker query", () => {
    expect(pickerQuerySchema.safeParse({ kind: "country" }).success).toBe(false);
    expect(pickerQuerySchema.safeParse({ kind: "review", limit: "500" }).success).toBe(false);
    expect(pickerQuerySchema.safeParse({ kind: "review", extra: "1" }).success).toBe(false);
  });
});

describe("the locale, version and build pickers", () => {
  it("offer what Pull All copied: locales with their versions, versions with their state, builds with the version they are attached to", async () => {
    const { project } = await createAppStoreProject(sandboxApp("9100000104"));
    const empty = await pickerOptions(project.id, query({ kind: "locale" }));
    expect([empty.options, empty.pulled]).toEqual([[], false]);

    await prisma.appStoreBuild.createMany({
      data: [
        { projectId: project.id, ascId: "build-a", version: "107", processingState: "VALID", uploadedDate: hoursAgo(300), syncedAt: new Date() },
        { projectId: project.id, ascId: "build-b", version: "108", processingState: "VALID", uploadedDate: hoursAgo(200), syncedAt: new Date() },
        { projectId: project.id, ascId: "build-c", version: "109", processingState: "PROCESSING", uploadedDate: hoursAgo(2), syncedAt: new Date() },
      ],
    });
    const plan = [
      { versionString: "2.3.0", platform: "IOS", state: "READY_FOR_DISTRIBUTION", hours: 100, build: "build-b", locales: ["en-US", "de-DE", "ja-JP"] },
      { versionString: "2.4.0", platform: "IOS", state: "PREPARE_FOR_SUBMISSION", hours: 10, build: null, locales: ["en-US", "de-DE"] },
      // The same string on another platform is one option.
      { versionString: "2.4.0", platform: "MAC_OS", state: "PREPARE_FOR_SUBMISSION", hours: 9, build: null, locales: ["en-US"] },
    ];
    for (const [index, version] of plan.entries()) {
      const row = await prisma.appStoreVersion.create({
        data: { projectId: project.id, ascId: `version-${index}`, platform: version.platform, versionString: version.versionString, appVersionState: version.state, buildAscId: version.build, createdDate: hoursAgo(version.hours), syncedAt: new Date() },
      });
      for (const locale of version.locales) await prisma.appStoreLocalization.create({ data: { projectId: project.id, versionId: row.id, ascId: `loc-${index}-${locale}`, locale, syncedAt: new Date() } });
    }

    expect((await pickerOptions(project.id, query({ kind: "locale" }))).options).toEqual([
      { value: "de-DE", versions: ["2.4.0", "2.3.0"] },
      { value: "en-US", versions: ["2.4.0", "2.3.0"] },
      { value: "ja-JP", versions: ["2.3.0"] },
    ]);
    const versions = await pickerOptions(project.id, query({ kind: "version" }));
    expect(versions.options).toEqual([
      { value: "2.4.0", platform: "MAC_OS", state: "PREPARE_FOR_SUBMISSION", createdDate: expect.any(String) },
      { value: "2.3.0", platform: "IOS", state: "READY_FOR_DISTRIBUTION", createdDate: expect.any(String) },
    ]);
    const builds = await pickerOptions(project.id, query({ kind: "build" }));
    expect(builds.kind).toBe("build");
    expect((builds.options as BuildOption[]).map(({ value, version, processingState }) => [value, version, processingState])).toEqual([
      ["109", null, "PROCESSING"],
      ["108", "2.3.0", "VALID"],
      ["107", null, "VALID"],
    ]);
    expect([builds.total, builds.pulled, builds.nextCursor]).toEqual([3, true, null]);
  });
});
