// The App Store Connect Analytics Reports endpoints (INTEGRATIONS.md §5): report requests, the
// reports of a request, their DAILY instances and each instance's segments. Downloading a segment
// is lib/appstore/analytics-files.ts (pre-signed URLs, no bearer token).
import { MAX_PAGE_SIZE, type AppStoreConnectClient } from "./client";
import { AppStoreConnectError } from "./errors";
import type { Resource, SingleDocument } from "./types";

export type AnalyticsAccessType = "ONGOING" | "ONE_TIME_SNAPSHOT";
export type AnalyticsCategory = "APP_USAGE" | "APP_STORE_ENGAGEMENT" | "COMMERCE" | "FRAMEWORK_USAGE" | "PERFORMANCE";

export type AnalyticsReportRequest = Resource<"analyticsReportRequests", { accessType: AnalyticsAccessType; stoppedDueToInactivity?: boolean }>;
export type AnalyticsReport = Resource<"analyticsReports", { name: string; category: AnalyticsCategory }>;
export type AnalyticsReportInstance = Resource<"analyticsReportInstances", { granularity: "DAILY" | "WEEKLY" | "MONTHLY"; processingDate: string }>;
export type AnalyticsReportSegment = Resource<"analyticsReportSegments", { checksum: string; sizeInBytes: number; url: string }>;

const path = (...segments: string[]) => `/v1/${segments.map(encodeURIComponent).join("/")}`;

async function all<R extends Resource>(client: AppStoreConnectClient, at: string, query: Record<string, string | number>): Promise<R[]> {
  const resources: R[] = [];
  for await (const page of client.pages<R>(at, { limit: MAX_PAGE_SIZE, ...query })) resources.push(...page.data);
  return resources;
}

/** The app's requests of one access type (App Store Connect has no requests collection of its own). */
export function listReportRequests(client: AppStoreConnectClient, appId: string, accessType: AnalyticsAccessType): Promise<AnalyticsReportRequest[]> {
  return all(client, path("apps", appId, "analyticsReportRequests"), { "filter[accessType]": accessType });
}

/** The request, or null when App Store Connect no longer has it (deleted). */
export async function getReportRequest(client: AppStoreConnectClient, requestId: string): Promise<AnalyticsReportRequest | null> {
  try {
    return (await client.get<SingleDocument<AnalyticsReportRequest>>(path("analyticsReportRequests", requestId))).data;
  } catch (error) {
    if (error instanceof AppStoreConnectError && error.status === 404) return null;
    throw error;
  }
}

/** Creates a request; null when the app already has one of this access type (409 STATE_ERROR, which names no id). */
export async function createReportRequest(client: AppStoreConnectClient, appId: string, accessType: AnalyticsAccessType): Promise<AnalyticsReportRequest | null> {
  const body = { data: { type: "analyticsReportRequests", attributes: { accessType }, relationships: { app: { data: { type: "apps", id: appId } } } } };
  try {
    return (await client.post<SingleDocument<AnalyticsReportRequest>>(path("analyticsReportRequests"), body)).data;
  } catch (error) {
    if (error instanceof AppStoreConnectError && error.status === 409 && error.code === "STATE_ERROR") return null;
    throw error;
  }
}

/** A stopped request must be deleted before a new one can be created (DELETE answers 204). */
export async function deleteReportRequest(client: AppStoreConnectClient, requestId: string): Promise<void> {
  await client.delete(path("analyticsReportRequests", requestId));
}

/** The request's reports with any of these names (one request: filter[name] takes a list). */
export function listReports(client: AppStoreConnectClient, requestId: string, names: readonly string[]): Promise<AnalyticsReport[]> {
  return all(client, path("analyticsReportRequests", requestId, "reports"), { "filter[name]": names.join(",") });
}

export function listDailyInstances(client: AppStoreConnectClient, reportId: string): Promise<AnalyticsReportInstance[]> {
  return all(client, path("analyticsReports", reportId, "instances"), { "filter[granularity]": "DAILY" });
}

/** The instance's segments; their URLs stay valid for 5 minutes from now. */
export function listSegments(client: AppStoreConnectClient, instanceId: string): Promise<AnalyticsReportSegment[]> {
  return all(client, path("analyticsReportInstances", instanceId, "segments"), {});
}
