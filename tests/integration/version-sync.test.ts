// app_version_sync against the iTunes Lookup sandbox over HTTP, with a real worker: Apple apps'
// versions from the App Store in batched requests (counted from the sandbox's log), App Store ids
// found by bundle id, every other app's newest production version from its events, where each
// value came from, and the type refused everywhere but its cron.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareVersions } from "@/lib/apps/version-sync";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { overrideEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ensurePartitions } from "@/lib/events/partitions";
import { startItunesSandbox, type ItunesSandbox, type SandboxStoreApp } from "@/sandbox/itunes/server";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser } from "../helpers/fixtures";
import { waitForRunEnd } from "../helpers/appstore";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

// 120 apps with App Store ids (two requests of 100 ids), one known only by its bundle id.
const storeApps: SandboxStoreApp[] = Array.from({ length: 120 }, (_, index) => ({
  trackId: 1900000000 + index,
  bundleId: `com.test.batch${index}`,
  trackName: `Batch ${index}`,
  version: `1.${index}.0`,
  currentVersionReleaseDate: "2026-11-20T08:00:00Z",
  seed: index,
}));
const bundleOnly: SandboxStoreApp = { trackId: 1900001000, bundleId: "com.test.found", trackName: "Found", version: "4.2.1", currentVersionReleaseDate: "2026-11-25T12:30:00Z", seed: 1 };

let sandbox: ItunesSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  sandbox = await startItunesSandbox({ apps: [...storeApps, bundleOnly] });
  overrideEnv({ ITUNES_LOOKUP_URL: sandbox.url, ITUNES_THROTTLE_BACKOFF_MS: "20" });
  await ensurePartitions([new Date()], ["events"]);
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

async function event(projectId: string, appId: string, appVersion: string, environment: "production" | "development", minutesAgo = 5) {
  await getPool().query(
    `INSERT INTO events (id, project_id, app_id, occurred_at, name, level, environment, app_version) VALUES ($1, $2, $3, now() - make_interval(mins => $4), 'session_start', 'info', $5, $6)`,
    [randomUUID(), projectId, appId, minutesAgo, environment, appVersion],
  );
}

const runSync = async () => waitForRunEnd((await triggerJob({ type: "app_version_sync", projectId: null, source: { kind: "schedule" } })).id);

describe("app_version_sync", () => {
  it("reads Apple apps' versions in batches, finds App Store ids by bundle id, and takes other apps' newest production version from events", async () => {
    const { project } = await createProject();
    await prisma.app.createMany({
      data: storeApps.map((app) => ({ projectId: project.id, name: app.trackName, platform: "apple" as const, bundleId: app.bundleId, appleAppStoreId: String(app.trackId), appleAppStoreIdSource: "entered" as const })),
    });
    const found = await prisma.app.create({ data: { projectId: project.id, name: "Found", platform: "apple", bundleId: bundleOnly.bundleId } });
    const unlisted = await prisma.app.create({ data: { projectId: project.id, name: "Unlisted", platform: "apple", bundleId: "com.test.notinstore" } });
    const android = await prisma.app.create({ data: { projectId: project.id, name: "Android", platform: "android", bundleId: "com.test.android" } });
    const quiet = await prisma.app.create({ data: { projectId: project.id, name: "Quiet", platform: "web" } });
    for (const version of ["1.9.0", "1.10.0", "1.10.0-beta.2"]) await event(project.id, android.id, version, "production");
    await event(project.id, android.id, "9.9.9", "development");
    await event(project.id, unlisted.id, "0.3.1", "production");
    const since = sandbox.requests.length;

    const done = await runSync();
    expect(done.status, done.errorMessage ?? "").toBe("completed");
    const requests = sandbox.requests.slice(since);
    // Two bundle-id lookups (the apps without a store id), then the 121 ids in two batched requests.
    expect(requests.filter((request) => request.bundleId).map((request) => request.bundleId).sort()).toEqual(["com.test.found", "com.test.notinstore"]);
    const batched = requests.filter((request) => !request.bundleId);
    expect(batched.map((request) => request.ids.length)).toEqual([100, 20]);
    expect(new Set(batched.flatMap((request) => request.ids)).size).toBe(120);

    const app = (id: string) => prisma.app.findUniqueOrThrow({ where: { id } });
    const first = await prisma.app.findFirstOrThrow({ where: { projectId: project.id, appleAppStoreId: String(storeApps[7]!.trackId) } });
    expect(first).toMatchObject({ latestAppVersion: "1.7.0", latestAppVersionSource: "app_store", appleAppStoreIdSource: "entered" });
    expect(first.latestAppVersionReleasedAt?.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(await app(found.id)).toMatchObject({ appleAppStoreId: String(bundleOnly.trackId), appleAppStoreIdSource: "app_store", latestAppVersion: "4.2.1", latestAppVersionSource: "app_store" });
    expect(await app(unlisted.id)).toMatchObject({ appleAppStoreId: null, latestAppVersion: "0.3.1", latestAppVersionSource: "events" });
    // 1.10.0 is newer than 1.9.0 and than its own beta; development builds do not count.
    expect(await app(android.id)).toMatchObject({ latestAppVersion: "1.10.0", latestAppVersionSource: "events" });
    expect(await app(quiet.id)).toMatchObject({ latestAppVersion: null, latestAppVersionSource: null });
    expect((await app(quiet.id)).latestAppVersionCheckedAt).not.toBeNull();
    expect(done.result).toMatchObject({ apps_checked: 124, from_app_store: 121, from_events: 2, store_ids_found: 1, not_found: 1, lookup_requests: 4 });

    // A new version in the store and an older build's late event: the store moves, events never go back.
    sandbox.setVersion(storeApps[7]!.trackId, "1.7.1", "2026-11-30T09:00:00Z");
    await event(project.id, android.id, "1.2.0", "production");
    const again = await runSync();
    expect((again.result as { changed: unknown[] }).changed).toEqual([{ app: "Batch 7", from: "1.7.0", to: "1.7.1", source: "app_store" }]);
    expect(await app(android.id)).toMatchObject({ latestAppVersion: "1.10.0" });
    // Found once: from now on the app is looked up by id with the others.
    expect(sandbox.requests.slice(since).filter((request) => request.bundleId === "com.test.found")).toHaveLength(1);
  });

  it("is refused on every surface but its cron, with a message that says why", async () => {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const attempts = [
      () => triggerJob({ type: "app_version_sync", projectId: null, source: { kind: "admin_cli" } }),
      () => triggerJob({ type: "app_version_sync", projectId: project.id, source: { kind: "user", userId: admin.id } }),
    ];
    for (const attempt of attempts) {
      const error = (await attempt().catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect([error.status, error.message]).toEqual([400, "App Version Sync (app_version_sync) runs only on its schedule (At 15 minutes past the hour (UTC)); it cannot be triggered"]);
    }
    expect(await prisma.jobRun.count({ where: { type: "app_version_sync", triggerKind: { not: "schedule" } } })).toBe(0);
  });
});

describe("compareVersions", () => {
  it("orders versions as people read them", () => {
    expect(["1.10.0", "1.9.2", "2.0", "2.0-beta", "1.9.10", "10.0.0"].sort(compareVersions)).toEqual(["1.9.2", "1.9.10", "1.10.0", "2.0-beta", "2.0", "10.0.0"]);
  });
});
