// pull_all and pull_changes against the App Store Connect sandbox over HTTP, with a real worker:
// exact counts from the sandbox's deterministic data, incremental paging that stops at the newest
// known review, cancellation between pages, and the per-project schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { setProjectSchedule } from "@/lib/jobs/schedules";
import { generateAppStoreApp } from "@/sandbox/appstore/data";
import { startAppStoreSandbox, type AppStoreSandbox } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";
import { testCatalog, testJobs, triggerJob } from "../helpers/test-job-types";

const fullApp = sandboxApp("1600000001", { reviewCount: 312, seed: 11 });
const changingApp = sandboxApp("1600000002", { reviewCount: 250, seed: 12 });
const slowApp = sandboxApp("1600000003", { reviewCount: 312, seed: 13 });
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  // A delay per request makes a pull last long enough to watch its progress and to cancel it: the
  // review pages (16 of 20) must outlast the half second progress writes are coalesced over, since
  // the screenshot step has just written before them.
  sandbox = await startAppStoreSandbox({ apps: [fullApp, changingApp, slowApp], delayMs: 50 });
  process.env.APP_STORE_CONNECT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

async function trigger(type: string, projectId: string, teamId: string, params?: unknown) {
  const admin = await createUser("admin", teamId);
  return triggerJob({ type, projectId, params, source: { kind: "user", userId: admin.id } });
}
const requestsTo = (pattern: RegExp, since: number) => sandbox.requests().slice(since).filter((request) => pattern.test(request.path));

describe("pull_all", () => {
  it("copies every version, localization, build and review (with responses), reporting counts as it goes", async () => {
    const { team, project } = await createAppStoreProject(fullApp);
    const expected = generateAppStoreApp(fullApp.appId, fullApp);
    const run = await trigger("pull_all", project.id, team.id, { pageSize: 20 });
    expect(run.params).toEqual({ pageSize: 20 });

    const messages = new Set<string>();
    const done = await waitForRunEnd(run.id, (current) => current.progressMessage && messages.add(current.progressMessage));
    const totals = { versions: 3, localizations: 11, builds: 12, reviews: 312, screenshotSets: expected.screenshotSets.length, screenshots: expected.screenshots.length };
    expect(expected.versions).toHaveLength(totals.versions);
    expect(expected.localizations).toHaveLength(totals.localizations);
    expect(expected.builds).toHaveLength(totals.builds);
    expect(done.status).toBe("completed");
    expect(done.result).toEqual(totals);
    expect(done.progressProcessed).toBe(338);
    expect(done.progressTotal).toBe(338);
    expect(done.progressMessage).toBe(`Pulled 3 versions, 11 localizations, 12 builds, ${totals.screenshotSets} screenshot sets, ${totals.screenshots} screenshots and 312 reviews`);
    // Review counts were visible while the run went through the pages.
    expect([...messages].some((message) => /^Pulled (\d+) of 312 reviews$/.test(message) && message !== "Pulled 312 of 312 reviews")).toBe(true);

    const where = { projectId: project.id };
    expect(await prisma.appStoreVersion.count({ where })).toBe(3);
    expect(await prisma.appStoreLocalization.count({ where })).toBe(11);
    expect(await prisma.appStoreBuild.count({ where })).toBe(12);
    expect(await prisma.appStoreReview.count({ where })).toBe(312);
    expect(await prisma.appStoreReview.count({ where: { ...where, responseAscId: { not: null } } })).toBe(expected.responses.size);

    // Rows carry what App Store Connect said, including relationships.
    const live = expected.versions.find((version) => version.appVersionState === "READY_FOR_DISTRIBUTION")!;
    expect(await prisma.appStoreVersion.findFirstOrThrow({ where: { ...where, ascId: live.id } })).toMatchObject({
      versionString: "2.3.0",
      buildAscId: expected.builds.find((build) => build.version === "108")!.id,
    });
    const german = expected.localizations.find((localization) => localization.versionId === live.id && localization.locale === "de-DE")!;
    expect(await prisma.appStoreLocalization.findFirstOrThrow({ where: { ...where, ascId: german.id }, include: { version: true } })).toMatchObject({
      keywords: german.keywords,
      whatsNew: german.whatsNew,
      version: { ascId: live.id },
    });
    const answered = expected.reviews.find((review) => review.responseId)!;
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { ...where, externalId: answered.id } })).toMatchObject({
      territory: answered.territory,
      rating: answered.rating,
      responseBody: expected.responses.get(answered.responseId!)!.responseBody,
      responseState: "PUBLISHED",
    });
    expect((await prisma.integration.findUniqueOrThrow({ where: { projectId_kind: { projectId: project.id, kind: "app_store_connect" } } })).lastSyncedAt).toBeInstanceOf(Date);
  });

  it("stops between pages when cancelled, keeping what it stored and not marking the app pulled", async () => {
    const { team, project } = await createAppStoreProject(slowApp);
    const run = await trigger("pull_all", project.id, team.id, { pageSize: 5 });
    await waitFor(() => prisma.appStoreReview.count({ where: { projectId: project.id } }), (count) => count > 0);
    await testJobs.cancel(run.id);
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe("cancelled");
    const stored = await prisma.appStoreReview.count({ where: { projectId: project.id } });
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(312);
    expect(stored % 5).toBe(0);
    expect((await prisma.integration.findUniqueOrThrow({ where: { projectId_kind: { projectId: project.id, kind: "app_store_connect" } } })).lastSyncedAt).toBeNull();
  });

  it("fails with a clear message when the project has no App Store Connect connection", async () => {
    const { team, project } = await createProject();
    const run = await trigger("pull_all", project.id, team.id);
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe("App Store Connect is not connected for this project");
  });
});

describe("pull_changes", () => {
  it("after a new review, stores exactly that one from a single page and leaves settled versions alone", async () => {
    const { team, project } = await createAppStoreProject(changingApp);
    expect((await waitForRunEnd((await trigger("pull_all", project.id, team.id)).id)).status).toBe("completed");
    const added = sandbox.addReview(changingApp.appId, { rating: 2, title: "Widgets broke", body: "Since 2.3.0 the widget is blank.", territory: "DEU" });

    const since = sandbox.requests().length;
    const run = await trigger("pull_changes", project.id, team.id);
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe("completed");
    expect(done.result).toEqual({ newReviews: 1, versions: 3, localizations: 8, builds: 12, responsesPublished: 0 });
    expect(done.progressMessage).toBe("Pulled 1 new review, 3 versions, 8 localizations and 12 builds");

    expect(await prisma.appStoreReview.count({ where: { projectId: project.id } })).toBe(251);
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { projectId: project.id, externalId: added.id } })).toMatchObject({
      rating: 2,
      title: "Widgets broke",
      territory: "DEU",
    });
    // One page of reviews (pull_all needed two), no localizations of the replaced 2.2.0, one page of builds.
    expect(requestsTo(/\/customerReviews$/, since)).toHaveLength(1);
    expect(requestsTo(/\/appStoreVersionLocalizations$/, since)).toHaveLength(2);
    expect(requestsTo(/^\/v1\/builds$/, since).map((request) => request.query.get("limit"))).toEqual(["20"]);
  });

  it("with nothing new, stores no reviews", async () => {
    const { team, project } = await createAppStoreProject(changingApp);
    await waitForRunEnd((await trigger("pull_all", project.id, team.id)).id);
    const done = await waitForRunEnd((await trigger("pull_changes", project.id, team.id)).id);
    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ newReviews: 0 });
    expect(await prisma.appStoreReview.count({ where: { projectId: project.id } })).toBe(sandbox.app(changingApp.appId).reviews.length);
  });

  it("can run on a per-project interval", async () => {
    const { project } = await createAppStoreProject(changingApp);
    await setProjectSchedule(worker.boss, testCatalog, project.id, "pull_changes", 15);
    expect(await prisma.projectSchedule.findMany({ where: { projectId: project.id } })).toMatchObject([{ type: "pull_changes", intervalMinutes: 15 }]);
    await setProjectSchedule(worker.boss, testCatalog, project.id, "pull_changes", null);
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
  });
});
