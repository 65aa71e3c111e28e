// app_store_connect_reviews_sync: for one project (its manual trigger, or its turn in the daily
// fan-out), every review of each Apple app with an App Store id, every page every run: new reviews
// are stored, replies refreshed (lib/appstore/reviews.ts). Then replies still PENDING_PUBLISH are
// asked about directly. An app that already had reviews and got new ones tells the team
// (app.review_new); an app's first sync does not, so connecting a project is not a flood.
import type { JobHandler, ProjectJobContext } from "@/lib/jobs/handler";
import { appsWithStoreId, type StoreApp } from "@/lib/apps/store-app";
import { refreshPendingResponses } from "@/lib/appstore/pending-responses";
import { emptyTally, pullReviews, type ReviewsPulled } from "@/lib/appstore/pull";
import { reviewCount } from "@/lib/appstore/reviews";
import type { CustomerReview } from "@/lib/appstore/types";
import { prisma } from "@/lib/db/prisma";
import { appUrl } from "@/lib/env";
import { connectAppStore } from "@/lib/integrations/app-store";
import { emitNotification } from "@/lib/notify/emit";
import { plural } from "@/lib/plural";

// App Store Connect's largest page: the fewest requests for an all-pages sync.
const PAGE_SIZE = 200;
// What one app.review_new lists; its count covers all of them.
const LISTED = 20;

interface AppOutcome {
  app: string;
  app_store_id: string;
  reviews_seen: number;
  new_reviews: number;
  responses_changed: number;
  pending_responses_checked: number;
  responses_published: number;
  responses_cleared: number;
  notified: boolean;
  error?: string;
}

const syncProject = async (_params: Record<string, never>, context: ProjectJobContext) => {
  const apps = await appsWithStoreId(context.project.id);
  const session = await connectAppStore(context);
  const outcomes: AppOutcome[] = [];
  for (const [index, app] of apps.entries()) {
    if (context.isCancelled()) break;
    context.progress({ message: `Reviews of ${app.name} (app ${index + 1} of ${apps.length})` });
    try {
      const before = await reviewCount(app.id);
      const appSession = { ...session, appId: app.appStoreId, localAppId: app.id };
      const pulled = await pullReviews(appSession, context, emptyTally(), { pageSize: PAGE_SIZE, untilKnown: false, keepNewest: LISTED });
      const pending = context.isCancelled() ? { checked: 0, published: 0, cleared: 0 } : await refreshPendingResponses(session.client, app.id, context);
      const notified = before > 0 && pulled.inserted > 0;
      if (notified) await announceNewReviews(context, app, pulled);
      outcomes.push({
        app: app.name,
        app_store_id: app.appStoreId,
        reviews_seen: pulled.seen,
        new_reviews: pulled.inserted,
        responses_changed: pulled.responsesChanged,
        pending_responses_checked: pending.checked,
        responses_published: pending.published,
        responses_cleared: pending.cleared,
        notified,
      });
    } catch (error) {
      // One app App Store Connect refuses (another account's, removed) does not stop the others.
      if (context.signal.aborted) throw error;
      outcomes.push({ ...emptyOutcome(app), error: error instanceof Error ? error.message : String(error) });
    }
  }
  const failed = outcomes.filter((outcome) => outcome.error);
  if (outcomes.length > 0 && failed.length === outcomes.length) throw new Error(`Every app failed: ${failed.map((outcome) => `${outcome.app}: ${outcome.error}`).join("; ")}`);

  const sum = (field: "reviews_seen" | "new_reviews" | "responses_changed" | "pending_responses_checked") => outcomes.reduce((total, outcome) => total + outcome[field], 0);
  const result = {
    apps: outcomes,
    reviews_seen: sum("reviews_seen"),
    new_reviews: sum("new_reviews"),
    responses_changed: sum("responses_changed"),
    pending_responses_checked: sum("pending_responses_checked"),
  };
  context.progress({
    message:
      apps.length === 0
        ? "No Apple app of this project has an App Store id"
        : `${plural(result.new_reviews, "new review")} and ${plural(result.responses_changed, "changed reply", "changed replies")} across ${plural(apps.length, "app")}; ${plural(result.pending_responses_checked, "pending reply", "pending replies")} checked`,
  });
  context.log("app_store_connect_reviews_sync finished", { project: context.project.slug, ...result, apps: outcomes.length });
  return result;
};

function emptyOutcome(app: StoreApp & { appStoreId: string }): AppOutcome {
  return { app: app.name, app_store_id: app.appStoreId, reviews_seen: 0, new_reviews: 0, responses_changed: 0, pending_responses_checked: 0, responses_published: 0, responses_cleared: 0, notified: false };
}

async function announceNewReviews(context: ProjectJobContext, app: StoreApp, pulled: ReviewsPulled): Promise<void> {
  const { project } = context;
  await prisma.$transaction(async (tx) => {
    await emitNotification(tx, "app.review_new", {
      teamId: project.teamId,
      projectId: project.id,
      runId: context.runId,
      data: {
        project: { id: project.id, slug: project.slug, name: project.name },
        app: { id: app.id, name: app.name, platform: app.platform },
        newCount: pulled.inserted,
        reviews: pulled.newest.map(summary),
        url: `${appUrl()}/projects/${project.slug}/store?app=${app.id}`,
      },
    });
  });
}

const summary = (review: CustomerReview) => ({
  rating: review.attributes.rating,
  title: review.attributes.title ?? null,
  body: review.attributes.body ?? null,
  reviewer: review.attributes.reviewerNickname ?? null,
  territory: review.attributes.territory ?? null,
  createdAt: new Date(review.attributes.createdDate).toISOString(),
});

const reviewsSync: JobHandler<"app_store_connect_reviews_sync"> = { project: syncProject };

export default reviewsSync;
