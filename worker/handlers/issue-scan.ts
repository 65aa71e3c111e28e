// issue_scan (system, hourly): error events since the watermark become issues, batch by batch
// (each batch counted exactly once), then each team hears once about its new and regressed
// production issues, including any a crashed scan still owed.
import { announceIssues } from "@/lib/issues/announce";
import { scanIssues } from "@/lib/issues/scan";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";

const issueScan: JobHandler<"issue_scan"> = async (_params, context) => {
  const result = await scanIssues({
    now: new Date(),
    isCancelled: context.isCancelled,
    onProgress: (events) => context.progress({ processed: events, message: `Scanned ${plural(events, "error event")}` }),
  });
  const announced = await announceIssues(context.runId);
  context.progress({
    processed: result.events,
    message: `Scanned ${plural(result.events, "error event")}: ${plural(result.newIssues, "new issue")}, ${result.regressedIssues} regressed; ${plural(announced.notifications, "team notification")}`,
  });
  return { ...result, notifications: announced.notifications, issuesAnnounced: announced.issues };
};

export default issueScan;
