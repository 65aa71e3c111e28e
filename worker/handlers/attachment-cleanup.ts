// attachment_cleanup (system, daily 05:00 UTC): deleted attachments past their grace, orphaned
// uploads of every kind, and files whose events retention or db_pruning removed.
import { sweepAttachments } from "@/lib/events/attachments";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";

const attachmentCleanup: JobHandler<"attachment_cleanup"> = async (_params, context) => {
  const result = await sweepAttachments({
    now: new Date(),
    isCancelled: context.isCancelled,
    onProgress: (message, removed) => context.progress({ processed: removed, message }),
  });
  const removed = result.softDeletedRemoved + result.retentionPrunedRemoved + result.untiedRemoved + result.rowsWithoutFilesRemoved + result.filesWithoutRowsRemoved;
  context.progress({ processed: removed, message: removed === 0 ? "Nothing to remove" : `Removed ${plural(removed, "attachment or file", "attachments and files")}` });
  return result;
};

export default attachmentCleanup;
