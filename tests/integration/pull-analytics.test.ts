// pull_analytics against the App Store Connect sandbox over HTTP, with a real worker and database:
// the ONGOING request found after a 409 or replaced when stopped, expired segment URLs listed again,
// newest-processing-date-wins (computed from the sandbox's own data), an idempotent second pull,
// and lane order behind pull_changes. Each test uses its own sandbox app (its own key and request).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { storeInstance } from "@/lib/analytics/store";
import type { SandboxAnalyticsData, SandboxAnalyticsKind } from "@/sandbox/appstore/analytics-data";
import { startAppStoreSandbox, type AppStoreSandbox } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp } from "../helpers/appstore";
import { createUser, waitFor } from "../helpers/fixtures";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";
import { triggerJob } from "../helpers/test-job-types";

const apps = {
  fresh: sandboxApp("1700000001", { seed: 21 }),
  outside: sandboxApp("1700000002", { seed: 22 }),
  stopped: sandboxApp("1700000003", { seed: 23 }),
  expiring: sandboxApp("1700000004", { seed: 24 }),
  lane: sandboxApp("1700000005", { seed: 25, reviewCount: 600 }),
};
const INSTANCES = 4 * 35;
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  sandbox = await startAppStoreSandbox({ apps: Object.values(apps) });
  process.env.APP_STORE_CONNECT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

type Run = NonNullable<Awaited<ReturnType<typeof prisma.jobRun.findUnique>>>;
async function trigger(type: string, projectId: string, teamId: string, params: unknown = {}) {
  const admin = await createUser("admin", teamId);
  return triggerJob({ type, projectId, params, source: { kind: "user", userId: admin.id } });
}
/** Waits for the run to end, telling `watch` every progress message seen on the way. */
const runEnd = (runId: string, watch?: (message: string) => void) =>
  waitFor(
    async () => {
      const run = await prisma.jobRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.progressMessage) watch?.(run.progressMessage);
      return run;
    },
    (run) => !["pending", "running"].includes(run.status),
    120_000,
    10,
  ) as Promise<Run>;

async function pull(projectId: string, teamId: string, watch?: (message: string) => void) {
  const run = await runEnd((await trigger("pull_analytics", projectId, teamId)).id, watch);
  expect(run.errorMessage).toBeNull();
  expect(run.status).toBe("completed");
  return { run, result: run.result as { request: string; instancesStored: number; rowsWritten: number; segments: number; skipped: number } };
}
const logSince = (since: number) => sandbox.requests().slice(since).map((request) => `${request.method} ${request.path} ${request.status}`);

/** Per date, the sum of `column` over the rows of the newest instance that has that date: what must be stored. */
function newestByDate(data: SandboxAnalyticsData, kind: SandboxAnalyticsKind, column: string): Map<string, number> {
  const instances = data.instances.filter((instance) => instance.kind === kind);
  const newest = new Map<string, string>();
  for (const instance of instances) {
    for (const row of instance.rows) if ((newest.get(row.Date!) ?? "") < instance.processingDate) newest.set(row.Date!, instance.processingDate);
  }
  const sums = new Map<string, number>();
  for (const instance of instances) {
    for (const row of instance.rows) if (newest.get(row.Date!) === instance.processingDate) sums.set(row.Date!, (sums.get(row.Date!) ?? 0) + Number(row[column]));
  }
  return sums;
}

/** The per-date sums the way predict_analytics reads them. */
async function storedByDate(projectId: string, report: string, measure: string): Promise<Map<string, number>> {
  const { rows } = await getPool().query<{ date: string; total: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, SUM((measures->>$3)::numeric) AS total FROM analytics_daily
      WHERE project_id = $1::uuid AND report = $2 GROUP BY date ORDER BY date`,
    [projectId, report, measure],
  );
  return new Map(rows.map((row) => [row.date, Number(row.total)]));
}

const segmentTotal = (data: SandboxAnalyticsData) => data.instances.reduce((sum, instance) => sum + instance.segmentCount, 0);
const allSegmentsDownloaded = (log: string[]) => log.filter((line) => /^GET \/analytics-files\/.+ 200$/.test(line)).length;

describe("pull_analytics", () => {
  it("creates the ONGOING request, stores every instance with the newest processing date winning, then a second pull stores nothing", async () => {
    const { team, project } = await createAppStoreProject(apps.fresh);
    const data = sandbox.analytics(apps.fresh.appId);
    const since = sandbox.requests().length;
    const messages = new Set<string>();
    const { run, result } = await pull(project.id, team.id, (message) => messages.add(message));

    expect(result).toMatchObject({ request: "created", instancesStored: INSTANCES, skipped: 0, segments: segmentTotal(data) });
    expect(run.progressProcessed).toBe(segmentTotal(data));
    expect(run.progressTotal).toBe(segmentTotal(data));
    expect([...messages].some((message) => /^(Discovery and Engagement|Downloads|Sessions|Purchases): segment \d+ of \d+$/.test(message))).toBe(true);
    expect(logSince(since)).toContain("POST /v1/analyticsReportRequests 201");
    expect(allSegmentsDownloaded(logSince(since))).toBe(segmentTotal(data));
    // Pre-signed URLs carry their own credential: no bearer token goes to the file host.
    expect(sandbox.requests().slice(since).filter((request) => request.path.startsWith("/analytics-files/")).map((request) => request.token)).toEqual(Array(segmentTotal(data)).fill(null));
    expect(await prisma.analyticsInstance.count({ where: { projectId: project.id } })).toBe(INSTANCES);

    // Every date holds its newest instance's values: equal to them, never a sum across instances.
    const downloads = await storedByDate(project.id, "downloads", "counts");
    expect(downloads).toEqual(newestByDate(data, "downloads", "Counts"));
    expect(await storedByDate(project.id, "sessions", "sessions")).toEqual(newestByDate(data, "sessions", "Sessions"));
    const proceeds = await storedByDate(project.id, "purchases", "proceeds_usd");
    for (const [date, value] of newestByDate(data, "purchases", "Proceeds in USD")) expect(proceeds.get(date)).toBeCloseTo(value, 1);

    // A date in three instances: the stored value is the newest one's, not the oldest's or the sum.
    const date = [...downloads.keys()].at(-5)!;
    const covering = data.instances.filter((instance) => instance.kind === "downloads" && instance.rows.some((row) => row.Date === date));
    expect(covering).toHaveLength(3);
    const perInstance = covering.map((instance) => instance.rows.filter((row) => row.Date === date).reduce((sum, row) => sum + Number(row.Counts), 0));
    expect(new Set(perInstance).size).toBe(3);
    expect(downloads.get(date)).toBe(perInstance[0]);
    expect(downloads.get(date)).not.toBe(perInstance.reduce((sum, value) => sum + value, 0));

    // Within one instance the rows of one key (two app versions) are summed; values are read case-insensitively.
    const newest = covering[0]!;
    const key = newest.rows.filter((row) => row.Date === date && row.Territory === "US" && row["Download Type"] === "First-time download" && row["Source Type"] === "App Store search" && row.Device!.toLowerCase() === "iphone");
    expect(key).toHaveLength(2);
    const stored = await prisma.analyticsDaily.findFirstOrThrow({
      where: { projectId: project.id, report: "downloads", date: new Date(`${date}T00:00:00Z`), territory: "US", dimensionKey: "first-time download|app store search|product page|no|iphone" },
    });
    expect(stored.measures).toEqual({ counts: key.reduce((sum, row) => sum + Number(row.Counts), 0) });
    expect(stored.processingDate.toISOString().slice(0, 10)).toBe(newest.processingDate);

    // An older instance stored late never overwrites newer rows.
    const older = covering[2]!;
    await storeInstance(
      { projectId: project.id, appId: stored.appId, report: "downloads", reportName: data.names.downloads, instanceId: "late-older", granularity: "DAILY", processingDate: older.processingDate, segments: 1 },
      [{ date, territory: "US", dimensionKey: stored.dimensionKey, dimensions: {}, measures: { counts: 1 } }],
    );
    expect((await prisma.analyticsDaily.findFirstOrThrow({ where: { appId: stored.appId, report: "downloads", date: stored.date, territory: "US", dimensionKey: stored.dimensionKey } })).measures).toEqual(stored.measures);

    // A second pull: the remembered request, every instance skipped, nothing downloaded or written.
    const again = sandbox.requests().length;
    const second = await pull(project.id, team.id);
    expect(second.result).toMatchObject({ request: "remembered", instancesStored: 0, rowsWritten: 0, segments: 0, skipped: INSTANCES });
    const log = logSince(again);
    expect(log.filter((line) => line.startsWith("POST") || line.includes("/segments") || line.includes("/analytics-files/"))).toEqual([]);
    expect(await storedByDate(project.id, "downloads", "counts")).toEqual(downloads);
  });

  it("reuses a request made outside Taskdeck after App Store Connect answers the create with 409", async () => {
    const { team, project } = await createAppStoreProject(apps.outside);
    const existing = sandbox.createAnalyticsRequest(apps.outside.appId);
    const since = sandbox.requests().length;
    const { result } = await pull(project.id, team.id);

    expect(result).toMatchObject({ request: "found", instancesStored: INSTANCES });
    expect(logSince(since).slice(0, 3)).toEqual([
      "POST /v1/analyticsReportRequests 409",
      `GET /v1/apps/${apps.outside.appId}/analyticsReportRequests 200`,
      `GET /v1/analyticsReportRequests/${existing}/reports 200`,
    ]);
    expect(sandbox.requests()[since]!.query.get("filter[accessType]")).toBeNull();
    expect(sandbox.requests()[since + 1]!.query.get("filter[accessType]")).toBe("ONGOING");
    expect((await prisma.analyticsReportRequest.findFirstOrThrow({ where: { projectId: project.id } })).requestId).toBe(existing);
  });

  it("deletes a request stopped for inactivity and creates a new one", async () => {
    const { team, project } = await createAppStoreProject(apps.stopped);
    await pull(project.id, team.id);
    const first = (await prisma.analyticsReportRequest.findFirstOrThrow({ where: { projectId: project.id } })).requestId;

    sandbox.stopAnalyticsRequest(apps.stopped.appId);
    const since = sandbox.requests().length;
    const { result } = await pull(project.id, team.id);
    const replacement = (await prisma.analyticsReportRequest.findFirstOrThrow({ where: { projectId: project.id } })).requestId;

    expect(replacement).not.toBe(first);
    expect(result.request).toBe("replaced");
    expect(logSince(since).slice(0, 4)).toEqual([
      `GET /v1/analyticsReportRequests/${first} 200`,
      `DELETE /v1/analyticsReportRequests/${first} 204`,
      "POST /v1/analyticsReportRequests 201",
      `GET /v1/analyticsReportRequests/${replacement}/reports 200`,
    ]);
    // The new request's reports have instances of their own, read again into the same rows.
    expect(result.instancesStored).toBe(INSTANCES);
    expect(await storedByDate(project.id, "downloads", "counts")).toEqual(newestByDate(sandbox.analytics(apps.stopped.appId), "downloads", "Counts"));
  });

  it("lists an instance's segments again when their download URLs have expired (403) and completes", async () => {
    const { team, project } = await createAppStoreProject(apps.expiring);
    const data = sandbox.analytics(apps.expiring.appId);
    // Mid-run: after the third download every URL listed so far answers 403, as after 5 minutes.
    sandbox.expireSegmentUrls({ afterDownloads: 3 });
    const since = sandbox.requests().length;
    const { result } = await pull(project.id, team.id);

    const log = logSince(since);
    const refused = log.flatMap((line, index) => (/^GET \/analytics-files\/.+ 403$/.test(line) ? [index] : []));
    expect(refused.length).toBeGreaterThan(0);
    expect(log.slice(0, refused[0]).filter((line) => line.includes("/analytics-files/"))).toHaveLength(3);
    for (const index of refused) {
      // Each refusal: the instance's segments listed again, then the same segment downloaded.
      expect(log[index + 1]).toMatch(/^GET \/v1\/analyticsReportInstances\/[^/]+\/segments 200$/);
      expect(log[index + 2]).toBe(log[index]!.replace(/ 403$/, " 200"));
    }
    expect(result).toMatchObject({ instancesStored: INSTANCES, segments: segmentTotal(data) });
    expect(allSegmentsDownloaded(log)).toBe(segmentTotal(data));
    expect(await storedByDate(project.id, "downloads", "counts")).toEqual(newestByDate(data, "downloads", "Counts"));
  });

  it("waits in the project's lane behind a pull_changes queued before it", async () => {
    const { team, project } = await createAppStoreProject(apps.lane);
    const since = sandbox.requests().length;
    const changes = await trigger("pull_changes", project.id, team.id, { pageSize: 20 });
    const analytics = await trigger("pull_analytics", project.id, team.id);
    const [changesRun, analyticsRun] = [await runEnd(changes.id), await runEnd(analytics.id)];

    expect([changesRun.status, analyticsRun.status]).toEqual(["completed", "completed"]);
    // Queued while pull_changes was still working, started only once it had finished.
    expect(analyticsRun.createdAt.getTime()).toBeLessThan(changesRun.finishedAt!.getTime());
    expect(analyticsRun.startedAt!.getTime()).toBeGreaterThanOrEqual(changesRun.finishedAt!.getTime());
    const log = logSince(since);
    const isAnalytics = (line: string) => / \/(v1\/analytics|v1\/apps\/\d+\/analytics|analytics-files)/.test(line);
    const lastChange = log.findLastIndex((line) => !isAnalytics(line));
    const firstAnalytics = log.findIndex(isAnalytics);
    expect(lastChange).toBeGreaterThan(0);
    expect(firstAnalytics).toBeGreaterThan(lastChange);
  });
});
