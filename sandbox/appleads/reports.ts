// The sandbox's campaign and ad-group reports (INTEGRATIONS.md §4): Apple's body rules checked on
// their own (not with the product's code, so a shared mistake cannot pass both), answered from
// the generated daily metrics: totals per row (returnRowTotals), daily rows (DAILY), rows without
// metrics left out, `selector.pagination` paging and money as strings.
import { addMetrics, amount, campaignDay, days, shiftDays, todayUtc, zeroMetrics, type DayMetrics, type SandboxAdGroup, type SandboxAdsOrg, type SandboxCampaign } from "./data";

export interface SandboxReply {
  status: number;
  body: unknown;
}

export const envelope = (data: unknown, pagination: unknown = null) => ({ data, pagination, error: null });
export const errorEnvelope = (messageCode: string, message: string, field = "") => ({ data: null, pagination: null, error: { errors: [{ messageCode, message, field }] } });
const invalid = (message: string, field: string): SandboxReply => ({ status: 400, body: errorEnvelope("INVALID_INPUT", message, field) });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const monthsBefore = (date: string, months: number) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
};
const length = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

interface ReportBody {
  startTime?: unknown;
  endTime?: unknown;
  granularity?: unknown;
  returnRowTotals?: unknown;
  returnGrandTotals?: unknown;
  returnRecordsWithNoMetrics?: unknown;
  selector?: { orderBy?: Array<{ field?: unknown; sortOrder?: unknown }>; pagination?: { offset?: unknown; limit?: unknown } };
}

/** Apple's refusal of the body, or the checked request. */
interface CheckedReport {
  from: string;
  to: string;
  daily: boolean;
  rowTotals: boolean;
  withoutMetrics: boolean;
  offset: number;
  limit: number;
  orderBy: { field: string; descending: boolean };
}

function check(body: ReportBody): SandboxReply | CheckedReport {
  const { startTime, endTime, granularity } = body;
  if (typeof startTime !== "string" || !DATE.test(startTime)) return invalid("startTime is required, as YYYY-MM-DD", "startTime");
  if (typeof endTime !== "string" || !DATE.test(endTime)) return invalid("endTime is required, as YYYY-MM-DD", "endTime");
  if (startTime > endTime) return invalid("startTime must be before or equal to endTime", "startTime");
  const orderBy = body.selector?.orderBy;
  if (!Array.isArray(orderBy) || orderBy.length !== 1 || typeof orderBy[0]?.field !== "string") return invalid("selector.orderBy needs exactly one field", "selector.orderBy");
  const offset = body.selector?.pagination?.offset ?? 0;
  const limit = body.selector?.pagination?.limit ?? 20;
  if (typeof offset !== "number" || typeof limit !== "number" || offset < 0 || limit < 1 || limit > 1000) return invalid("pagination.limit must be 1 to 1000", "selector.pagination");

  const today = todayUtc();
  const days = length(startTime, endTime);
  if (granularity === undefined || granularity === null) {
    if (body.returnRowTotals !== true) return invalid("returnRowTotals must be true when no granularity is given", "returnRowTotals");
    if (startTime < monthsBefore(today, 24)) return invalid("startTime must be within the last 24 months", "startTime");
  } else {
    if (body.returnGrandTotals === true) return invalid("returnGrandTotals must be false with a granularity", "returnGrandTotals");
    if (granularity !== "DAILY") return invalid(`The sandbox serves DAILY granularity only, not ${String(granularity)}`, "granularity");
    if (days > 90) return invalid(`DAILY granularity covers at most 90 days; ${startTime} to ${endTime} is ${days} days`, "endTime");
    if (startTime < shiftDays(today, -90)) return invalid("DAILY granularity must start within the last 90 days", "startTime");
  }
  return {
    from: startTime,
    to: endTime,
    daily: granularity === "DAILY",
    rowTotals: body.returnRowTotals === true,
    withoutMetrics: body.returnRecordsWithNoMetrics === true,
    offset,
    limit,
    orderBy: { field: orderBy[0]!.field as string, descending: orderBy[0]!.sortOrder === "DESCENDING" },
  };
}

function spendRow(metrics: DayMetrics, currency: string) {
  const { impressions, taps, tapInstalls, viewInstalls, spendCents } = metrics;
  const installs = tapInstalls + viewInstalls;
  const money = (cents: number) => ({ amount: amount(Math.round(cents)), currency });
  const per = (cents: number, count: number) => money(count === 0 ? 0 : cents / count);
  const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);
  const redownloads = Math.floor(installs / 10);
  return {
    impressions,
    taps,
    tapInstalls,
    viewInstalls,
    totalInstalls: installs,
    tapNewDownloads: tapInstalls - Math.floor(tapInstalls / 10),
    tapRedownloads: Math.floor(tapInstalls / 10),
    totalNewDownloads: installs - redownloads,
    totalRedownloads: redownloads,
    ttr: rate(taps, impressions),
    tapInstallRate: rate(tapInstalls, taps),
    totalInstallRate: rate(installs, taps),
    localSpend: money(spendCents),
    avgCPT: per(spendCents, taps),
    avgCPM: per(spendCents * 1000, impressions),
    tapInstallCPI: per(spendCents, tapInstalls),
    totalAvgCPI: per(spendCents, installs),
  };
}

export interface ReportSubject {
  metadata: Record<string, unknown>;
  day: (date: string) => DayMetrics;
}

/** A report over `subjects` (an org's campaigns, or a campaign's ad groups). */
export function report(body: unknown, subjects: ReportSubject[], currency: string): SandboxReply {
  if (typeof body !== "object" || body === null) return invalid("A JSON request body is required", "");
  const request = check(body as ReportBody);
  if ("status" in request) return request;
  const rows = subjects.flatMap(({ metadata, day }) => {
    const daily = [...days(request.from, request.to)].map((date) => ({ date, metrics: day(date) }));
    const total = daily.reduce((sum, entry) => addMetrics(sum, entry.metrics), zeroMetrics());
    if (total.impressions === 0 && request.withoutMetrics !== true) return [];
    return [
      {
        other: false,
        metadata,
        ...(request.rowTotals ? { total: spendRow(total, currency) } : {}),
        ...(request.daily ? { granularity: daily.map(({ date, metrics }) => ({ date, ...spendRow(metrics, currency) })) } : {}),
        sortKey: (metadata[request.orderBy.field] ?? (total as unknown as Record<string, number>)[request.orderBy.field] ?? 0) as number | string,
      },
    ];
  });
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) * (request.orderBy.descending ? -1 : 1));
  const page = rows.slice(request.offset, request.offset + request.limit).map(({ sortKey: _sortKey, ...row }) => row);
  return {
    status: 200,
    body: envelope({ reportingDataResponse: { row: page } }, { totalResults: rows.length, startIndex: request.offset, itemsPerPage: page.length }),
  };
}

export const campaignMetadata = (org: SandboxAdsOrg, campaign: SandboxCampaign) => ({
  campaignId: campaign.id,
  campaignName: campaign.name,
  deleted: false,
  campaignStatus: campaign.status ?? "ENABLED",
  app: { appName: campaign.appName ?? `App ${campaign.adamId}`, adamId: campaign.adamId },
  servingStatus: campaign.status === "PAUSED" ? "NOT_RUNNING" : "RUNNING",
  displayStatus: campaign.status === "PAUSED" ? "PAUSED" : "RUNNING",
  countriesOrRegions: ["US"],
  orgId: org.orgId,
  adChannelType: "SEARCH",
  billingEvent: "TAPS",
  supplySources: ["APPSTORE_SEARCH_RESULTS"],
});

export const adGroupMetadata = (org: SandboxAdsOrg, campaign: SandboxCampaign, adGroup: SandboxAdGroup) => ({
  adGroupId: adGroup.id,
  adGroupName: adGroup.name,
  campaignId: campaign.id,
  adGroupStatus: adGroup.status ?? "ENABLED",
  adGroupServingStatus: adGroup.status === "PAUSED" ? "NOT_RUNNING" : "RUNNING",
  adGroupDisplayStatus: adGroup.status === "PAUSED" ? "PAUSED" : "RUNNING",
  orgId: org.orgId,
  deleted: false,
});

export const campaignSubject = (org: SandboxAdsOrg, campaign: SandboxCampaign): ReportSubject => ({ metadata: campaignMetadata(org, campaign), day: (date) => campaignDay(campaign, date) });
