// retention_cleanup (system, daily 02:00 UTC): each project's events past its retention policy go,
// whole partitions where every project's policy allows it, batches of rows for the rest.
import { forgetKnownPartitions } from "@/lib/events/ingest";
import { applyRetention } from "@/lib/events/retention";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";

const retentionCleanup: JobHandler<"retention_cleanup"> = async (_params, context) => {
  const result = await applyRetention({
    now: new Date(),
    isCancelled: context.isCancelled,
    onProgress: ({ deletedRows, droppedPartitions, message }) => context.progress({ processed: deletedRows + droppedPartitions.length, message }),
  });
  if (result.droppedPartitions.length > 0) forgetKnownPartitions();
  const rows = result.deleted.events + result.deleted.metric_events + result.deleted.funnel_events;
  const dropped = result.droppedPartitions.length === 0 ? "no partition dropped" : `dropped ${result.droppedPartitions.join(", ")}`;
  context.progress({ message: `Deleted ${plural(rows, "expired row")} across ${plural(result.projects, "project")}; ${dropped}` });
  return { droppedPartitions: result.droppedPartitions, rowsDeleted: result.deleted, projects: result.projects };
};

export default retentionCleanup;
