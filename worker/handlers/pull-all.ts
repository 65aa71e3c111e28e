// pull_all (StorePush "Pull All"): a full copy of the app from App Store Connect: every version
// with its localizations, every build, every localization's screenshots, and every customer review
// with its response. Runs when an app is set up; pull_changes keeps the copy current afterwards.
import type { JobHandler } from "@/lib/jobs/handler";
import { connectAppStore, markPulled } from "@/lib/integrations/app-store";
import { emptyTally, pullBuilds, pullReviews, pullVersions, stored } from "@/lib/appstore/pull";
import { emptyScreenshotTally, pullScreenshots } from "@/lib/appstore/screenshots";
import { plural } from "@/lib/plural";

const pullAll: JobHandler<"pull_all"> = async (params, context) => {
  const session = await connectAppStore(context);
  const tally = emptyTally();
  context.progress({ processed: 0, total: null, message: "Pulling versions and localizations" });

  await pullVersions(session, context, tally, { skipSettled: false });
  if (!context.isCancelled()) await pullBuilds(session, context, tally);
  const shots = context.isCancelled() ? emptyScreenshotTally() : await pullScreenshots(session, context, tally);
  if (!context.isCancelled()) await pullReviews(session, context, tally, { pageSize: params.pageSize, untilKnown: false });
  if (context.isCancelled()) return { ...tally, ...shots };

  await markPulled(session.projectId);
  const total = stored(tally);
  context.progress({
    processed: total,
    total,
    message: `Pulled ${plural(tally.versions, "version")}, ${plural(tally.localizations, "localization")}, ${plural(tally.builds, "build")}, ${plural(shots.screenshotSets, "screenshot set")}, ${plural(shots.screenshots, "screenshot")} and ${plural(tally.reviews, "review")}`,
  });
  context.log("pull_all finished", { ...tally, ...shots });
  return { ...tally, ...shots };
};

export default pullAll;
