// issue_notify (system, hourly at :05): the digests that are due, each window sent at most once.
import { sendDigests } from "@/lib/issues/digest";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";

const issueNotify: JobHandler<"issue_notify"> = async (_params, context) => {
  const result = await sendDigests({ now: new Date(), isCancelled: context.isCancelled, runId: context.runId });
  context.progress({ processed: result.projectsDue, total: result.projectsDue, message: `${plural(result.sent, "digest")} sent, ${plural(result.silent, "project")} with nothing new` });
  return result;
};

export default issueNotify;
