// pull_changes (StorePush "Pull Changes", on each project's 5/15/30-minute schedule): only what can
// have changed since the last pull: reviews newer than the newest one already stored (paging stops
// there), versions and the localizations of versions still in play, the newest builds, and the
// state of responses Apple had not yet published.
import type { JobHandler } from "@/lib/jobs/handler";
import { refreshPendingResponses } from "@/lib/appstore/pending-responses";
import { connectAppStore, markPulled } from "@/lib/integrations/app-store";
import { emptyTally, pullBuilds, pullReviews, pullVersions, stored } from "@/lib/appstore/pull";
import { plural } from "@/lib/plural";

// Enough to catch every upload between two pulls, even at the longest interval.
const NEWEST_BUILDS = 20;

const pullChanges: JobHandler<"pull_changes"> = async (params, context) => {
  const session = await connectAppStore(context);
  const tally = emptyTally();
  context.progress({ processed: 0, total: null, message: "Pulling new reviews" });

  await pullReviews(session, context, tally, { pageSize: params.pageSize, untilKnown: true });
  if (!context.isCancelled()) await pullVersions(session, context, tally, { skipSettled: true });
  if (!context.isCancelled()) await pullBuilds(session, context, tally, { newest: NEWEST_BUILDS });
  const responsesPublished = context.isCancelled() ? 0 : (await refreshPendingResponses(session.client, session.localAppId, context)).published;
  const result = { newReviews: tally.reviews, versions: tally.versions, localizations: tally.localizations, builds: tally.builds, responsesPublished };
  if (context.isCancelled()) return result;

  await markPulled(session.projectId);
  const total = stored(tally);
  context.progress({
    processed: total,
    total,
    message: `Pulled ${plural(tally.reviews, "new review")}, ${plural(tally.versions, "version")}, ${plural(tally.localizations, "localization")} and ${plural(tally.builds, "build")}`,
  });
  context.log("pull_changes finished", result);
  return result;
};

export default pullChanges;
