// pull_analytics' work: through the app's ONGOING request, the DAILY instances of the four Standard
// reports that the project has not stored yet, each segment downloaded and parsed, rows summed per
// (date, territory, dimensions) within the instance and upserted newest-processing-date-wins.
// Segments are listed for every pending instance first, so progress can count them ("Downloads:
// segment 3 of 12"); a URL older than REFRESH_AFTER_MS, or one answering 403, is listed again once.
import { listDailyInstances, listReports, listSegments, type AnalyticsReportInstance, type AnalyticsReportSegment } from "@/lib/appstore/analytics";
import { downloadSegment, SegmentUrlExpiredError, type SegmentRow } from "@/lib/appstore/analytics-files";
import type { AppStoreSession } from "@/lib/appstore/client";
import type { JobContext } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import { addRows, dailyRows, type DailyRow } from "./aggregate";
import { analyticsReportNames, analyticsReports, reportSpecNamed, type AnalyticsReportKey, type AnalyticsReportSpec } from "./reports";
import { ensureOngoingRequest, type OngoingRequest } from "./request";
import { storedInstanceIds, storeInstance } from "./store";

// Apple's URLs live 5 minutes; list again a little before that rather than spend a 403 on it.
const REFRESH_AFTER_MS = 4 * 60_000;

export interface ReportPulled {
  /** Apple's name for it, or null when the request has no such report (yet). */
  name: string | null;
  instancesStored: number;
  rowsWritten: number;
  segments: number;
  /** Instances App Store Connect listed that an earlier pull had stored. */
  skipped: number;
}

export interface AnalyticsPulled {
  request: OngoingRequest;
  reports: Record<AnalyticsReportKey, ReportPulled>;
}

interface PendingInstance {
  instance: AnalyticsReportInstance;
  segments: AnalyticsReportSegment[];
  listedAt: number;
}

interface ReportPlan {
  spec: AnalyticsReportSpec;
  reportName: string;
  pending: PendingInstance[];
}

const segmentTotal = (plan: ReportPlan) => plan.pending.reduce((sum, pending) => sum + pending.segments.length, 0);

export async function pullAnalytics(session: AppStoreSession, context: JobContext): Promise<AnalyticsPulled> {
  context.progress({ processed: 0, total: null, message: "Finding the analytics report request" });
  const request = await ensureOngoingRequest(session);
  const reports = await listReports(session.client, request.id, analyticsReportNames);
  const pulled = Object.fromEntries(
    analyticsReports.map((spec) => [spec.key, { name: null, instancesStored: 0, rowsWritten: 0, segments: 0, skipped: 0 } satisfies ReportPulled]),
  ) as Record<AnalyticsReportKey, ReportPulled>;

  const plans: ReportPlan[] = [];
  for (const spec of analyticsReports) {
    const report = reports.find((candidate) => reportSpecNamed(candidate.attributes.name)?.key === spec.key);
    if (!report || context.isCancelled()) continue;
    pulled[spec.key].name = report.attributes.name;
    context.progress({ message: `${spec.label}: listing instances` });
    const instances = await listDailyInstances(session.client, report.id);
    const stored = await storedInstanceIds(session.projectId, instances.map((instance) => instance.id));
    pulled[spec.key].skipped = stored.size;
    // Oldest first: each date ends with its newest instance's values even if a run stops halfway.
    const fresh = instances.filter((instance) => !stored.has(instance.id)).sort((a, b) => a.attributes.processingDate.localeCompare(b.attributes.processingDate));
    const pending: PendingInstance[] = [];
    for (const instance of fresh) pending.push({ instance, segments: await listSegments(session.client, instance.id), listedAt: Date.now() });
    plans.push({ spec, reportName: report.attributes.name, pending });
  }

  const total = plans.reduce((sum, plan) => sum + segmentTotal(plan), 0);
  let processed = 0;
  context.progress({ processed, total, message: total === 0 ? "No new analytics instances" : `Downloading ${plural(total, "segment")}` });
  for (const plan of plans) {
    const ofReport = segmentTotal(plan);
    let segmentNumber = 0;
    for (const pending of plan.pending) {
      if (context.isCancelled()) return { request, reports: pulled };
      const totals = new Map<string, DailyRow>();
      for (let index = 0; index < pending.segments.length; index += 1) {
        segmentNumber += 1;
        context.progress({ processed, total, message: `${plan.spec.label}: segment ${segmentNumber} of ${ofReport}` });
        addRows(plan.spec, await downloadFresh(session, pending, index, context.signal), totals);
        processed += 1;
      }
      const rows = dailyRows(totals);
      const written = await storeInstance(
        {
          projectId: session.projectId,
          appId: session.localAppId,
          report: plan.spec.key,
          reportName: plan.reportName,
          instanceId: pending.instance.id,
          granularity: pending.instance.attributes.granularity,
          processingDate: pending.instance.attributes.processingDate,
          segments: pending.segments.length,
        },
        rows,
      );
      const tally = pulled[plan.spec.key];
      tally.instancesStored += 1;
      tally.rowsWritten += written;
      tally.segments += pending.segments.length;
    }
  }
  context.progress({ processed, total, message: `Stored ${plural(plans.reduce((sum, plan) => sum + plan.pending.length, 0), "analytics instance")} (${plural(total, "segment")})` });
  return { request, reports: pulled };
}

/** Segment `index` of the instance, listing the segments again (once) when its URL is old or refused. */
async function downloadFresh(session: AppStoreSession, pending: PendingInstance, index: number, signal: AbortSignal): Promise<SegmentRow[]> {
  const relist = async () => {
    const previous = pending.segments[index]!;
    pending.segments = await listSegments(session.client, pending.instance.id);
    pending.listedAt = Date.now();
    const again = pending.segments.find((segment) => segment.id === previous.id) ?? pending.segments[index];
    if (!again) throw new Error(`App Store Connect no longer lists segment ${previous.id} of analytics instance ${pending.instance.id}`);
    return again;
  };
  let segment = Date.now() - pending.listedAt > REFRESH_AFTER_MS ? await relist() : pending.segments[index]!;
  try {
    return await downloadSegment(segment.attributes.url, signal);
  } catch (error) {
    if (!(error instanceof SegmentUrlExpiredError)) throw error;
    segment = await relist();
    try {
      return await downloadSegment(segment.attributes.url, signal);
    } catch (retryError) {
      if (retryError instanceof SegmentUrlExpiredError) throw new Error(`The download URL of segment ${segment.id} (analytics instance ${pending.instance.id}) answered 403 even after listing the segments again`);
      throw retryError;
    }
  }
}
