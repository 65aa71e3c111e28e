// app_store_ratings_sync against the iTunes Lookup sandbox over HTTP, with a real worker: one request
// per storefront covering every app (counted from the sandbox's own log), per-country snapshots and
// the worldwide cache, app.rating_changed only when a count went up and never on a first sync, the
// empty-403 throttle waited out or left for the next run without failing it, and the fan-out
// skipping a project whose own run is active.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { overrideEnv } from "@/lib/env";
import { startItunesSandbox, type ItunesSandbox, type SandboxStoreApp } from "@/sandbox/itunes/server";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const storefronts = ["us", "gb", "de", "jp", "fr"];
const rated: SandboxStoreApp = { trackId: 1700000001, bundleId: "com.test.rated", trackName: "Rated", version: "1.2.0", currentVersionReleaseDate: "2026-11-01T10:00:00Z", unrated: ["jp"], seed: 3 };
const local: SandboxStoreApp = { trackId: 1700000002, bundleId: "com.test.local", trackName: "Local", version: "0.9.0", currentVersionReleaseDate: "2026-10-01T10:00:00Z", storefronts: ["us", "gb", "de"], seed: 5 };
const bundleOnly: SandboxStoreApp = { trackId: 1700000003, bundleId: "com.test.bundleonly", trackName: "Bundle Only", version: "3.0.0", currentVersionReleaseDate: "2026-09-01T10:00:00Z", seed: 8 };

let sandbox: ItunesSandbox;
let slowSandbox: ItunesSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  sandbox = await startItunesSandbox({ apps: [rated, local, bundleOnly] });
  // Slow enough that a run for one project is still running when the fan-out starts.
  slowSandbox = await startItunesSandbox({ apps: [rated, local, bundleOnly], delayMs: 400 });
  worker = await startTestWorker();
});

beforeEach(() => {
  overrideEnv({ ITUNES_LOOKUP_URL: sandbox.url, ITUNES_STOREFRONTS: storefronts.join(","), ITUNES_THROTTLE_BACKOFF_MS: "20", ITUNES_THROTTLE_RETRIES: "2" });
});

afterAll(() => releaseAll(worker, sandbox, slowSandbox));

// Each test starts with no eligible project, so a fan-out covers only the test's own.
const noEligibleProjects = () => prisma.app.deleteMany({ where: { platform: "apple" } });

async function projectWith(apps: Array<{ app: SandboxStoreApp; withStoreId: boolean }>) {
  const created = await createProject();
  const rows = [];
  for (const { app, withStoreId } of apps) {
    rows.push(
      await prisma.app.create({
        data: { projectId: created.project.id, name: app.trackName, platform: "apple", bundleId: app.bundleId, appleAppStoreId: withStoreId ? String(app.trackId) : null },
      }),
    );
  }
  return { ...created, apps: rows };
}

const read = (id: string) => prisma.jobRun.findUniqueOrThrow({ where: { id } });
const ended = (status: string) => !["pending", "running"].includes(status);
const finished = (id: string) => waitFor(() => read(id), (run) => ended(run.status));
const ratingsOf = (appId: string) => prisma.appStoreRating.findMany({ where: { appId }, orderBy: { country: "asc" } });
const ratingNotifications = () => prisma.notification.findMany({ where: { type: "app.rating_changed" }, orderBy: { createdAt: "asc" } });

describe("app_store_ratings_sync across projects", () => {
  it("reads each storefront once for every app, snapshots each country and the worldwide rating, and tells no one on a first sync", async () => {
    await noEligibleProjects();
    const one = await projectWith([{ app: rated, withStoreId: true }]);
    const two = await projectWith([
      { app: local, withStoreId: true },
      { app: bundleOnly, withStoreId: false },
    ]);
    const since = sandbox.requests.length;

    const run = await triggerJob({ type: "app_store_ratings_sync", projectId: null, source: { kind: "admin_cli" } });
    const done = await finished(run.id);
    expect(done.status).toBe("completed");

    const requests = sandbox.requests.slice(since);
    // The app known only by its bundle id is found once, in the US storefront…
    expect(requests.filter((request) => request.bundleId !== null).map((request) => [request.bundleId, request.country])).toEqual([[bundleOnly.bundleId, "us"]]);
    // …then one request per storefront covers all three apps.
    const byId = requests.filter((request) => request.bundleId === null);
    expect(byId.map((request) => request.country)).toEqual(storefronts);
    for (const request of byId) expect([...request.ids].sort()).toEqual([rated, local, bundleOnly].map((app) => String(app.trackId)).sort());
    expect(await prisma.app.findUniqueOrThrow({ where: { id: two.apps[1]!.id } })).toMatchObject({ appleAppStoreId: String(bundleOnly.trackId), appleAppStoreIdSource: "app_store" });

    // A row per storefront that sells the app; no ratings in jp reads as a count of 0 and no average.
    const ratedRows = await ratingsOf(one.apps[0]!.id);
    expect(ratedRows.map((row) => row.country)).toEqual([...storefronts].sort());
    const japan = ratedRows.find((row) => row.country === "jp")!;
    expect([japan.ratingCount, japan.averageRating]).toEqual([0, null]);
    for (const row of ratedRows.filter((candidate) => candidate.country !== "jp")) expect(row.ratingCount).toBeGreaterThan(0);
    expect((await ratingsOf(two.apps[0]!.id)).map((row) => row.country)).toEqual(["de", "gb", "us"]);

    // The worldwide cache: counts summed, averages weighted by count.
    const app = await prisma.app.findUniqueOrThrow({ where: { id: one.apps[0]!.id } });
    const total = ratedRows.reduce((sum, row) => sum + row.ratingCount, 0);
    const weighted = ratedRows.reduce((sum, row) => sum + Number(row.averageRating ?? 0) * row.ratingCount, 0) / total;
    expect(app.ratingCount).toBe(total);
    expect(Number(app.ratingAverage)).toBeCloseTo(weighted, 2);
    expect(app.ratingsSyncedAt).not.toBeNull();

    const result = done.result as { outcomes: Array<{ projectId: string; status: string; result: { storefronts: number; lookup_requests: number; apps: unknown[] } }> };
    expect(result.outcomes.map((outcome) => [outcome.projectId, outcome.status]).sort()).toEqual([[one.project.id, "completed"], [two.project.id, "completed"]].sort());
    expect(result.outcomes.find((outcome) => outcome.projectId === two.project.id)!.result).toMatchObject({ storefronts: 5, lookup_requests: 6, storefronts_throttled: [] });
    expect([done.progressProcessed, done.progressTotal]).toEqual([2, 2]);
    expect(await ratingNotifications()).toEqual([]);
  });

  it("skips a project whose own run is active, and syncs the others", async () => {
    await noEligibleProjects();
    overrideEnv({ ITUNES_LOOKUP_URL: slowSandbox.url });
    const busy = await projectWith([{ app: rated, withStoreId: true }]);
    const free = await projectWith([{ app: local, withStoreId: true }]);
    const admin = await createUser("admin", busy.team.id);
    const manual = await triggerJob({ type: "app_store_ratings_sync", projectId: busy.project.id, source: { kind: "user", userId: admin.id } });
    await waitFor(() => read(manual.id), (run) => run.status === "running");

    const fanOut = await triggerJob({ type: "app_store_ratings_sync", projectId: null, source: { kind: "admin_cli" } });
    const done = await finished(fanOut.id);
    const outcomes = (done.result as { outcomes: Array<{ projectId: string; status: string; reason?: string }> }).outcomes;
    expect(outcomes.find((outcome) => outcome.projectId === busy.project.id)).toMatchObject({
      status: "skipped",
      reason: `A app_store_ratings_sync run for this project was already active (run ${manual.id})`,
    });
    expect(outcomes.find((outcome) => outcome.projectId === free.project.id)?.status).toBe("completed");
    // The fan-out asked only about the free project's app.
    const fanOutIds = new Set(slowSandbox.requests.filter((request) => request.at >= done.startedAt!.getTime()).flatMap((request) => request.ids));
    expect(fanOutIds.has(String(local.trackId))).toBe(true);
    expect((await finished(manual.id)).status).toBe("completed");
  });
});

describe("app_store_ratings_sync for one project", () => {
  it("tells the team when an app's worldwide count went up, and only then", async () => {
    await noEligibleProjects();
    const { team, project, apps } = await projectWith([{ app: rated, withStoreId: true }]);
    const admin = await createUser("admin", team.id);
    const sync = async () => {
      const run = await triggerJob({ type: "app_store_ratings_sync", projectId: project.id, source: { kind: "user", userId: admin.id } });
      const done = await finished(run.id);
      expect(done.status).toBe("completed");
      return done;
    };
    const before = (await ratingNotifications()).length;

    const first = await sync();
    expect(first.projectId).toBe(project.id);
    expect(first.result).toMatchObject({ storefronts: 5, lookup_requests: 5, apps: [{ app: "Rated", notified: false }] });
    expect(await ratingNotifications()).toHaveLength(before);
    const previous = await prisma.app.findUniqueOrThrow({ where: { id: apps[0]!.id } });

    // Unchanged ratings: nothing to tell.
    await sync();
    expect(await ratingNotifications()).toHaveLength(before);

    sandbox.addRatings(rated.trackId, "gb", 12, 5);
    const third = await sync();
    expect(third.result).toMatchObject({ apps: [{ app: "Rated", notified: true, rating_count: previous.ratingCount! + 12 }] });
    const notifications = await ratingNotifications();
    expect(notifications).toHaveLength(before + 1);
    expect(notifications.at(-1)).toMatchObject({ teamId: team.id, projectId: project.id, runId: third.id });
    expect(notifications.at(-1)!.data).toMatchObject({
      app: { id: apps[0]!.id, name: "Rated", platform: "apple" },
      previous: { count: previous.ratingCount, average: Number(previous.ratingAverage) },
      current: { count: previous.ratingCount! + 12 },
    });
  });

  it("waits out a throttled storefront, and leaves one that stays throttled for the next run without failing", async () => {
    await noEligibleProjects();
    const { team, project, apps } = await projectWith([{ app: rated, withStoreId: true }]);
    const admin = await createUser("admin", team.id);
    const sync = async () => finished((await triggerJob({ type: "app_store_ratings_sync", projectId: project.id, source: { kind: "user", userId: admin.id } })).id);

    // One empty 403, then the same storefront again: nothing lost.
    sandbox.throttleNext(1);
    let since = sandbox.requests.length;
    const recovered = await sync();
    expect(recovered.status).toBe("completed");
    expect(sandbox.requests.slice(since).map((request) => [request.country, request.status])).toEqual([["us", 403], ["us", 200], ["gb", 200], ["de", 200], ["jp", 200], ["fr", 200]]);
    expect(recovered.result).toMatchObject({ storefronts_throttled: [] });
    const synced = await ratingsOf(apps[0]!.id);
    expect(synced).toHaveLength(5);

    // Throttled through every backoff (1 try + 2 retries) in us and gb: both left as they were.
    sandbox.addRatings(rated.trackId, "us", 3, 1);
    sandbox.throttleNext(6);
    since = sandbox.requests.length;
    const partial = await sync();
    expect(partial.status).toBe("completed");
    expect(partial.result).toMatchObject({ storefronts_throttled: ["us", "gb"] });
    expect(sandbox.requests.slice(since).filter((request) => request.status === 403).map((request) => request.country)).toEqual(["us", "us", "us", "gb", "gb", "gb"]);
    const after = await ratingsOf(apps[0]!.id);
    expect(after.find((row) => row.country === "us")!.ratingCount).toBe(synced.find((row) => row.country === "us")!.ratingCount);
    expect(after.find((row) => row.country === "us")!.syncedAt).toEqual(synced.find((row) => row.country === "us")!.syncedAt);
    expect(after.find((row) => row.country === "de")!.syncedAt.getTime()).toBeGreaterThan(synced.find((row) => row.country === "de")!.syncedAt.getTime());
  });
});
