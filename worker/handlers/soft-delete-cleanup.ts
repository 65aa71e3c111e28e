// soft_delete_cleanup (system, daily 03:00 UTC): projects, apps and ingest keys deleted more than
// 7 days ago are removed with everything they own; a project's events go in batches.
import { purgeSoftDeleted } from "@/lib/accounts/soft-delete";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";

const softDeleteCleanup: JobHandler<"soft_delete_cleanup"> = async (_params, context) => {
  let steps = 0;
  const result = await purgeSoftDeleted({
    now: new Date(),
    isCancelled: context.isCancelled,
    onProgress: (message) => context.progress({ processed: ++steps, message }),
  });
  const events = result.eventsDeleted.events + result.eventsDeleted.metric_events + result.eventsDeleted.funnel_events;
  context.progress({ message: `Removed ${plural(result.projects, "project")}, ${plural(result.apps, "app")}, ${plural(result.ingestKeys, "ingest key")} and ${events} of their events` });
  return result;
};

export default softDeleteCleanup;
