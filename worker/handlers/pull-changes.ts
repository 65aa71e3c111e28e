// pull_changes (StorePush "Pull Changes", on each project's 5/15/30-minute schedule): only what can
// have changed since the last pull: reviews newer than the newest one already stored (paging stops
// there), versions and the localizations of versions still in play, the newest builds, and the
// state of responses Apple had not yet published.
import { prisma } from "@/lib/db/prisma";
import type { JobContext, JobHandler } from "@/lib/jobs/handler";
import { getReviewResponse } from "@/lib/appstore/api";
import { AppStoreConnectError } from "@/lib/appstore/errors";
import { connectAppStore, markPulled, type AppStoreSession } from "@/lib/integrations/app-store";
import { count, emptyTally, pullBuilds, pullReviews, pullVersions, stored } from "@/lib/appstore/pull";
import { responseFields } from "@/lib/appstore/store";

// Enough to catch every upload between two pulls, even at the longest interval.
const NEWEST_BUILDS = 20;

const pullChanges: JobHandler<"pull_changes"> = async (params, context) => {
  const session = await connectAppStore(context);
  const tally = emptyTally();
  context.progress({ processed: 0, total: null, message: "Pulling new reviews" });

  await pullReviews(session, context, tally, { pageSize: params.pageSize, untilKnown: true });
  if (!context.isCancelled()) await pullVersions(session, context, tally, { skipSettled: true });
  if (!context.isCancelled()) await pullBuilds(session, context, tally, { newest: NEWEST_BUILDS });
  const responsesPublished = context.isCancelled() ? 0 : await refreshPendingResponses(session, context);
  const result = { newReviews: tally.reviews, versions: tally.versions, localizations: tally.localizations, builds: tally.builds, responsesPublished };
  if (context.isCancelled()) return result;

  await markPulled(session.projectId);
  const total = stored(tally);
  context.progress({
    processed: total,
    total,
    message: `Pulled ${count(tally.reviews, "new review")}, ${count(tally.versions, "version")}, ${count(tally.localizations, "localization")} and ${count(tally.builds, "build")}`,
  });
  context.log("pull_changes finished", result);
  return result;
};

// Responses are published some time after they are sent; ask about the ones still pending.
async function refreshPendingResponses(session: AppStoreSession, context: JobContext): Promise<number> {
  const pending = await prisma.appStoreReview.findMany({
    where: { projectId: session.projectId, responseState: "PENDING_PUBLISH", responseAscId: { not: null } },
    select: { id: true, responseAscId: true },
  });
  let published = 0;
  for (const review of pending) {
    if (context.isCancelled()) break;
    // A response deleted in App Store Connect meanwhile answers 404: the review has none any more.
    const response = await getReviewResponse(session.client, review.responseAscId!).catch((error: unknown) => {
      if (error instanceof AppStoreConnectError && error.status === 404) return null;
      throw error;
    });
    await prisma.appStoreReview.update({ where: { id: review.id }, data: { ...responseFields(response), syncedAt: new Date() } });
    if (response?.attributes.state === "PUBLISHED") published += 1;
  }
  return published;
}

export default pullChanges;
