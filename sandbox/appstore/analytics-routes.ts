// Sandbox Analytics Reports (INTEGRATIONS.md §5): report requests with Apple's behaviours (one per
// app and access type, a duplicate create is 409 STATE_ERROR without the id, a stopped request
// still blocks creates until deleted, DELETE 204), each request's reports, DAILY instances,
// segments, and the segment files themselves under signed URLs that expire 5 minutes after listing
// and are served without a bearer token, as S3 serves Apple's. Test hooks are on the returned object.
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Resource } from "@/lib/appstore/types";
import { generateAnalytics, type SandboxAnalyticsData, type SandboxAnalyticsInstance, type SandboxAnalyticsKind } from "./analytics-data";
import { appleErrors, collection, SandboxError, single } from "./documents";
import { filter, findApp, requestData, type Route, type SandboxRequest } from "./request";

export const SEGMENT_URL_TTL_MS = 5 * 60_000;
const FILES = "analytics-files";

interface ReportRequest {
  id: string;
  appId: string;
  accessType: string;
  stoppedDueToInactivity: boolean;
}
interface Report {
  id: string;
  request: ReportRequest;
  name: string;
  category: string;
  kind: SandboxAnalyticsKind | null;
}
interface Segment {
  id: string;
  instance: SandboxAnalyticsInstance;
  index: number;
}

export interface FileReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface AnalyticsSandbox {
  route: Route;
  /** Answers a segment download (no bearer token needed), or null for any other path. */
  serveFile: (url: URL, now: number) => FileReply | null;
  data: (appId: string) => SandboxAnalyticsData;
  /** A request made outside Taskdeck (another tool); returns its id. */
  createRequest: (appId: string, accessType?: string) => string;
  /** Marks the app's requests stoppedDueToInactivity. */
  stopRequest: (appId: string) => void;
  /** URLs listed so far answer 403 now, or after `afterDownloads` more successful downloads. */
  expireSegmentUrls: (options?: { afterDownloads?: number }) => void;
}

const categories: Record<SandboxAnalyticsKind, string> = { discovery_engagement: "APP_STORE_ENGAGEMENT", downloads: "COMMERCE", sessions: "APP_USAGE", purchases: "COMMERCE" };
const opaqueId = (...parts: string[]) => {
  const hex = createHash("sha1").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
const accessDenied = (message: string): FileReply => ({
  status: 403,
  headers: { "Content-Type": "application/xml" },
  body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`),
});

export function createAnalyticsSandbox(apps: Array<{ appId: string; seed?: number }>): AnalyticsSandbox {
  const data = new Map(apps.map((app) => [app.appId, generateAnalytics(app.appId, { seed: app.seed })]));
  const requests: ReportRequest[] = [];
  const reports = new Map<string, Report>();
  const instances = new Map<string, { report: Report; instance: SandboxAnalyticsInstance }>();
  const segments = new Map<string, Segment>();
  const files = new Map<string, Buffer>();
  const secret = randomBytes(16).toString("hex");
  let listings = 0;
  let revokedThrough = 0;
  let downloads = 0;
  let revokeAtDownload: number | null = null;

  const addRequest = (appId: string, accessType: string): ReportRequest => {
    const request = { id: randomUUID(), appId, accessType, stoppedDueToInactivity: false };
    requests.push(request);
    const app = data.get(appId)!;
    const kinds = Object.keys(app.names) as SandboxAnalyticsKind[];
    kinds.forEach((kind, index) => {
      const standard = { id: `r${10 + index}-${request.id}`, request, name: app.names[kind], category: categories[kind], kind };
      const detailed = { id: `r${20 + index}-${request.id}`, request, name: app.names[kind].replace(/Standard$/, "Detailed"), category: categories[kind], kind: null };
      for (const report of [standard, detailed]) reports.set(report.id, report);
      for (const instance of app.instances.filter((candidate) => candidate.kind === kind)) {
        instances.set(opaqueId(standard.id, instance.processingDate), { report: standard, instance });
      }
    });
    return request;
  };

  const requestResource = (origin: string, request: ReportRequest): Resource => {
    const self = `/v1/analyticsReportRequests/${request.id}`;
    return {
      type: "analyticsReportRequests",
      id: request.id,
      attributes: { accessType: request.accessType, stoppedDueToInactivity: request.stoppedDueToInactivity },
      relationships: { reports: { links: { self: `${origin}${self}/relationships/reports`, related: `${origin}${self}/reports` } } },
      links: { self: `${origin}${self}` },
    };
  };

  const visibleRequest = (request: SandboxRequest, id: string): ReportRequest => {
    const found = requests.find((candidate) => candidate.id === id && request.apps.some((app) => app.appId === candidate.appId));
    if (!found) throw new SandboxError(appleErrors.notFound("analyticsReportRequests", id));
    return found;
  };

  const segmentUrl = (origin: string, segment: Segment, now: number) => {
    listings += 1;
    const expires = now + SEGMENT_URL_TTL_MS;
    const signature = createHmac("sha256", secret).update(`${segment.id}:${listings}:${expires}`).digest("hex");
    return `${origin}/${FILES}/${segment.id}/0.csv.gz?X-Listing=${listings}&X-Expires=${expires}&X-Signature=${signature}`;
  };

  const fileOf = (segment: Segment): Buffer => {
    let file = files.get(segment.id);
    if (!file) {
      const { instance, index } = segment;
      const size = Math.ceil(instance.rows.length / instance.segmentCount);
      const rows = instance.rows.slice(index * size, (index + 1) * size);
      const lines = [instance.columns.join("\t"), ...rows.map((row) => instance.columns.map((column) => row[column] ?? "").join("\t"))];
      file = gzipSync(`${lines.join("\n")}\n`);
      files.set(segment.id, file);
    }
    return file;
  };

  const route: Route = (request) => {
    const { method, segments: [resource, id, sub], url, origin } = request;

    if (resource === "analyticsReportRequests" && !id && method === "POST") {
      const body = requestData(request, "analyticsReportRequests");
      const accessType = String(body.attributes.accessType ?? "");
      if (accessType !== "ONGOING" && accessType !== "ONE_TIME_SNAPSHOT") throw new SandboxError(appleErrors.entity("accessType must be ONGOING or ONE_TIME_SNAPSHOT", "/data/attributes/accessType"));
      const app = findApp(request, body.relationships.app?.data?.id ?? "");
      // Stopped requests count too: Apple wants them deleted before a new one.
      if (requests.some((candidate) => candidate.appId === app.appId && candidate.accessType === accessType)) throw new SandboxError(appleErrors.state("You already have such an entity"));
      return single(url, requestResource(origin, addRequest(app.appId, accessType)), [], 201);
    }
    if (resource === "apps" && id && sub === "analyticsReportRequests" && method === "GET") {
      const app = findApp(request, id);
      const accessType = filter(request, "accessType");
      const matching = requests.filter((candidate) => candidate.appId === app.appId && (!accessType || accessType.has(candidate.accessType)));
      return collection(url, matching.map((candidate) => requestResource(origin, candidate)));
    }
    if (resource === "analyticsReportRequests" && id) {
      const found = visibleRequest(request, id);
      if (!sub && method === "GET") return single(url, requestResource(origin, found));
      if (!sub && method === "DELETE") {
        requests.splice(requests.indexOf(found), 1);
        return { status: 204 };
      }
      if (sub === "reports" && method === "GET") {
        const names = filter(request, "name");
        const category = filter(request, "category");
        const matching = [...reports.values()].filter(
          (report) => report.request === found && (!names || names.has(report.name)) && (!category || category.has(report.category)),
        );
        return collection(url, matching.map((report) => ({ type: "analyticsReports", id: report.id, attributes: { name: report.name, category: report.category }, links: { self: `${origin}/v1/analyticsReports/${report.id}` } })));
      }
      throw new SandboxError(appleErrors.method(method));
    }
    if (resource === "analyticsReports" && id && sub === "instances" && method === "GET") {
      const report = reports.get(id);
      if (!report || !request.apps.some((app) => app.appId === report.request.appId)) throw new SandboxError(appleErrors.notFound("analyticsReports", id));
      const granularity = filter(request, "granularity");
      const processingDate = filter(request, "processingDate");
      const matching = [...instances.entries()]
        .filter(([, entry]) => entry.report === report && (!granularity || granularity.has("DAILY")) && (!processingDate || processingDate.has(entry.instance.processingDate)))
        .sort(([, a], [, b]) => b.instance.processingDate.localeCompare(a.instance.processingDate));
      return collection(
        url,
        matching.map(([instanceId, entry]) => ({
          type: "analyticsReportInstances",
          id: instanceId,
          attributes: { granularity: "DAILY", processingDate: entry.instance.processingDate },
          links: { self: `${origin}/v1/analyticsReportInstances/${instanceId}` },
        })),
      );
    }
    if (resource === "analyticsReportInstances" && id && sub === "segments" && method === "GET") {
      const entry = instances.get(id);
      if (!entry || !request.apps.some((app) => app.appId === entry.report.request.appId)) throw new SandboxError(appleErrors.notFound("analyticsReportInstances", id));
      const listed = Array.from({ length: entry.instance.segmentCount }, (_, index) => {
        const segment = { id: opaqueId(id, String(index)), instance: entry.instance, index };
        segments.set(segment.id, segment);
        const file = fileOf(segment);
        return {
          type: "analyticsReportSegments",
          id: segment.id,
          attributes: { checksum: createHash("md5").update(file).digest("hex"), sizeInBytes: file.length, url: segmentUrl(origin, segment, request.now) },
          links: { self: `${origin}/v1/analyticsReportSegments/${segment.id}` },
        };
      });
      return collection(url, listed);
    }
    return null;
  };

  const serveFile = (url: URL, now: number): FileReply | null => {
    const [root, segmentId] = url.pathname.split("/").filter(Boolean);
    if (root !== FILES) return null;
    const segment = segments.get(segmentId ?? "");
    const listing = Number(url.searchParams.get("X-Listing"));
    const expires = Number(url.searchParams.get("X-Expires"));
    const expected = segment ? createHmac("sha256", secret).update(`${segment.id}:${listing}:${expires}`).digest("hex") : "";
    if (!segment || url.searchParams.get("X-Signature") !== expected) return accessDenied("Access Denied");
    if (now > expires || listing <= revokedThrough) return accessDenied("Request has expired");
    downloads += 1;
    if (revokeAtDownload !== null && downloads >= revokeAtDownload) {
      revokeAtDownload = null;
      revokedThrough = listings;
    }
    return { status: 200, headers: { "Content-Type": "application/octet-stream" }, body: fileOf(segment) };
  };

  const appData = (appId: string) => {
    const found = data.get(appId);
    if (!found) throw new Error(`The sandbox has no app ${appId}`);
    return found;
  };
  return {
    route,
    serveFile,
    data: appData,
    createRequest: (appId, accessType = "ONGOING") => {
      appData(appId);
      return addRequest(appId, accessType).id;
    },
    stopRequest: (appId) => {
      for (const request of requests) if (request.appId === appId) request.stoppedDueToInactivity = true;
    },
    expireSegmentUrls: (options = {}) => {
      if (options.afterDownloads === undefined) revokedThrough = listings;
      else revokeAtDownload = downloads + options.afterDownloads;
    },
  };
}
