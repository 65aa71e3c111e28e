// app_store_connect_reviews_sync against the App Store Connect sandbox over HTTP, with a real
// worker: every page every run, reviews keyed by (app, store, external id) with the reviewer's side
// frozen and the developer's reply refreshed, the PENDING_PUBLISH pass (promotion, and clearing on a
// 404), app.review_new only for an app that already had reviews, and the fan-out across projects.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { overrideEnv } from "@/lib/env";
import { startAppStoreSandbox, type AppStoreSandbox } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const firstApp = sandboxApp("1800000001", { reviewCount: 230, seed: 21 });
const secondApp = sandboxApp("1800000002", { reviewCount: 15, seed: 22 });
const thirdApp = sandboxApp("1800000003", { reviewCount: 8, seed: 23 });
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  sandbox = await startAppStoreSandbox({ apps: [firstApp, secondApp, thirdApp] });
  overrideEnv({ APP_STORE_CONNECT_API_URL: sandbox.url });
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

type Result = {
  reviews_seen: number;
  new_reviews: number;
  responses_changed: number;
  pending_responses_checked: number;
  apps: Array<{ app: string; notified: boolean; responses_published: number; responses_cleared: number }>;
};

async function sync(projectId: string, teamId: string) {
  const admin = await createUser("admin", teamId);
  const run = await triggerJob({ type: "app_store_connect_reviews_sync", projectId, source: { kind: "user", userId: admin.id } });
  const done = await waitForRunEnd(run.id);
  expect(done.status, done.errorMessage ?? "").toBe("completed");
  return { ...done, result: done.result as Result };
}

const reviewNotifications = (projectId: string) => prisma.notification.findMany({ where: { type: "app.review_new", projectId }, orderBy: { createdAt: "asc" } });
const customerReviewRequests = (appId: string, since: number) => sandbox.requests().slice(since).filter((request) => request.path === `/v1/apps/${appId}/customerReviews`);

describe("app_store_connect_reviews_sync", () => {
  it("stores every review of the connected app on its first sync, one row per (app, store, external id), and tells no one", async () => {
    const { team, project } = await createAppStoreProject(firstApp);
    const app = await prisma.app.findFirstOrThrow({ where: { projectId: project.id, appleAppStoreId: firstApp.appId } });
    const since = sandbox.requests().length;

    const done = await sync(project.id, team.id);
    // Every page, at App Store Connect's largest page size: 230 reviews in 2 requests.
    expect(customerReviewRequests(firstApp.appId, since)).toHaveLength(2);
    expect(done.result).toMatchObject({ reviews_seen: 230, new_reviews: 230, responses_changed: 0 });
    expect(await prisma.appStoreReview.count({ where: { appId: app.id, store: "app_store" } })).toBe(230);
    const expected = sandbox.app(firstApp.appId).reviews[0]!;
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { appId: app.id, externalId: expected.id } })).toMatchObject({
      projectId: project.id,
      rating: expected.rating,
      title: expected.title,
      reviewerNickname: expected.reviewerNickname,
      territory: expected.territory,
    });
    expect(done.result.apps).toMatchObject([{ app: app.name, notified: false }]);
    expect(await reviewNotifications(project.id)).toEqual([]);

    // Again: nothing new, nothing changed, still one row each.
    const again = await sync(project.id, team.id);
    expect(again.result).toMatchObject({ reviews_seen: 230, new_reviews: 0, responses_changed: 0 });
    expect(await prisma.appStoreReview.count({ where: { appId: app.id } })).toBe(230);
  });

  it("keeps the reviewer's words as first stored, refreshes replies added, edited or deleted in App Store Connect, and announces new reviews", async () => {
    const { team, project } = await createAppStoreProject(secondApp);
    const app = await prisma.app.findFirstOrThrow({ where: { projectId: project.id, appleAppStoreId: secondApp.appId } });
    await sync(project.id, team.id);

    const data = sandbox.app(secondApp.appId);
    const unanswered = data.reviews.filter((review) => !review.responseId);
    const answered = data.reviews.filter((review) => review.responseId);
    const [edited, removed] = [answered[0]!, answered[1]!];
    const [repliedTo, rewritten] = [unanswered[0]!, unanswered[1]!];
    // The listing says something else about the reviewer than what was stored: ours stays.
    const [storedTitle, storedRating] = [rewritten.title, rewritten.rating];
    rewritten.title = "Changed in the listing";
    rewritten.rating = rewritten.rating === 5 ? 1 : 5;
    // A reply added, one edited, one deleted, in App Store Connect's own UI.
    const added = { id: randomUUID(), reviewId: repliedTo.id, responseBody: "Thanks, fixed in 2.4!", lastModifiedDate: new Date().toISOString(), publishAt: 0 };
    data.responses.set(added.id, added);
    repliedTo.responseId = added.id;
    data.responses.get(edited.responseId!)!.responseBody = "Edited reply";
    data.responses.delete(removed.responseId!);
    removed.responseId = null;
    // And two new reviews.
    const newest = [sandbox.addReview(secondApp.appId, { title: "Great update", rating: 5 }), sandbox.addReview(secondApp.appId, { title: "Crashes", rating: 2 })];

    const done = await sync(project.id, team.id);
    expect(done.result).toMatchObject({ reviews_seen: 17, new_reviews: 2, responses_changed: 3 });
    const row = (externalId: string) => prisma.appStoreReview.findFirstOrThrow({ where: { appId: app.id, externalId } });
    expect(await row(rewritten.id)).toMatchObject({ title: storedTitle, rating: storedRating, responseBody: null });
    expect(await row(repliedTo.id)).toMatchObject({ responseAscId: added.id, responseBody: "Thanks, fixed in 2.4!", responseState: "PUBLISHED" });
    expect(await row(edited.id)).toMatchObject({ responseBody: "Edited reply" });
    expect(await row(removed.id)).toMatchObject({ responseAscId: null, responseBody: null, responseState: null });

    const notifications = await reviewNotifications(project.id);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ teamId: team.id, runId: done.id });
    expect(notifications[0]!.data).toMatchObject({
      app: { id: app.id, name: app.name, platform: "apple" },
      newCount: 2,
      reviews: [
        { title: "Crashes", rating: 2 },
        { title: "Great update", rating: 5 },
      ],
    });
    expect(newest).toHaveLength(2);
  });

  it("asks about each reply still PENDING_PUBLISH directly: promotes published ones and clears ones Apple no longer has", async () => {
    const { team, project } = await createAppStoreProject(thirdApp);
    const app = await prisma.app.findFirstOrThrow({ where: { projectId: project.id, appleAppStoreId: thirdApp.appId } });
    const data = sandbox.app(thirdApp.appId);
    const [toPublish, toDelete] = data.reviews.filter((review) => !review.responseId);
    for (const review of [toPublish!, toDelete!]) {
      const response = { id: randomUUID(), reviewId: review.id, responseBody: `Reply to ${review.id}`, lastModifiedDate: new Date().toISOString(), publishAt: Date.now() + 3_600_000 };
      data.responses.set(response.id, response);
      review.responseId = response.id;
    }

    const first = await sync(project.id, team.id);
    // Both pending: asked about, still pending.
    expect(first.result.pending_responses_checked).toBe(2);
    const state = async (externalId: string) => (await prisma.appStoreReview.findFirstOrThrow({ where: { appId: app.id, externalId } })).responseState;
    expect([await state(toPublish!.id), await state(toDelete!.id)]).toEqual(["PENDING_PUBLISH", "PENDING_PUBLISH"]);

    // Apple publishes one (the listing shows it late) and one is deleted but still named by the review.
    sandbox.publishResponses();
    data.responses.delete(toDelete!.responseId!);
    const since = sandbox.requests().length;
    const second = await sync(project.id, team.id);
    expect(second.result.pending_responses_checked).toBe(2);
    expect(second.result.apps).toMatchObject([{ responses_published: 1, responses_cleared: 1 }]);
    expect(sandbox.requests().slice(since).filter((request) => request.path.startsWith("/v1/customerReviewResponses/")).map((request) => request.status).sort()).toEqual([200, 404]);
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { appId: app.id, externalId: toPublish!.id } })).toMatchObject({ responseState: "PUBLISHED" });
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { appId: app.id, externalId: toDelete!.id } })).toMatchObject({ responseAscId: null, responseBody: null, responseState: null });

    // Published stays published though the listing still says pending: nothing left to ask about.
    const third = await sync(project.id, team.id);
    expect(third.result).toMatchObject({ pending_responses_checked: 0, responses_changed: 0 });
    expect(await state(toPublish!.id)).toBe("PUBLISHED");
  });

  it("fans out on its cron over every connected project with an App Store app", async () => {
    const a = await createAppStoreProject(sandboxApp("1800000004", { reviewCount: 5, seed: 24 }));
    const since = sandbox.requests().length;
    const run = await triggerJob({ type: "app_store_connect_reviews_sync", projectId: null, source: { kind: "admin_cli" } });
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe("completed");
    const outcomes = (done.result as { outcomes: Array<{ projectId: string; status: string }> }).outcomes;
    expect(outcomes.find((outcome) => outcome.projectId === a.project.id)?.status).toBe("failed");
    // The projects of the earlier tests are synced too, each with its own app.
    expect(outcomes.filter((outcome) => outcome.status === "completed").length).toBeGreaterThanOrEqual(3);
    expect(customerReviewRequests(firstApp.appId, since)).toHaveLength(2);
  });
});
