// pull_analytics (StorePush "Pull Analytics", daily at 02:00 UTC per connected project): the DAILY
// instances of Discovery and Engagement, Downloads, Sessions and Purchases not yet stored, progress
// by segment (lib/analytics/pull.ts). The result counts per report what was stored and skipped.
import type { JobHandler } from "@/lib/jobs/handler";
import { pullAnalytics as pull } from "@/lib/analytics/pull";
import { connectAppStore } from "@/lib/integrations/app-store";

const pullAnalytics: JobHandler<"pull_analytics"> = async (_params, context) => {
  const session = await connectAppStore(context);
  const pulled = await pull(session, context);
  const reports = Object.values(pulled.reports);
  const result = {
    request: pulled.request.how,
    instancesStored: reports.reduce((sum, report) => sum + report.instancesStored, 0),
    rowsWritten: reports.reduce((sum, report) => sum + report.rowsWritten, 0),
    segments: reports.reduce((sum, report) => sum + report.segments, 0),
    skipped: reports.reduce((sum, report) => sum + report.skipped, 0),
    reports: pulled.reports,
  };
  context.log("pull_analytics finished", result);
  return result;
};

export default pullAnalytics;
