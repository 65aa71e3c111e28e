// app_version_sync's work: every live app's latest version, and where it came from. Apple apps with
// an App Store id (or a bundle id the App Store knows) read it from iTunes Lookup, many apps per
// request; every other app, and an Apple app the App Store does not list, takes the newest version
// its production events report.
import { getPool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { ItunesLookupClient, type LookupSoftware } from "@/lib/itunes/client";
import type { JobContext } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import { HOME_STOREFRONT, resolveStoreIds, type LookupApp } from "@/lib/ratings/store-ids";

// The first check of an app reads this far back in its events; later checks only since the last one.
const FIRST_LOOK_DAYS = 30;
// Events arrive late (offline devices): look back a little before the last check too.
const LATE_EVENTS_MS = 60 * 60_000;
// How many changed apps the run's result lists by name; the counts cover all of them.
const LISTED = 50;

interface VersionApp extends LookupApp {
  latestAppVersion: string | null;
  checkedAt: Date | null;
}

export interface VersionSyncResult {
  apps_checked: number;
  from_app_store: number;
  from_events: number;
  store_ids_found: number;
  unchanged: number;
  not_found: number;
  changed: Array<{ app: string; from: string | null; to: string; source: "app_store" | "events" }>;
  lookup_requests: number;
}

export async function syncAppVersions(context: JobContext): Promise<VersionSyncResult> {
  const client = new ItunesLookupClient({
    baseUrl: env.ITUNES_LOOKUP_URL,
    signal: context.signal,
    backoffMs: env.ITUNES_THROTTLE_BACKOFF_MS,
    retries: env.ITUNES_THROTTLE_RETRIES,
    onThrottled: ({ waitMs, attempt }) => context.progress({ message: `iTunes Lookup is throttling us: waiting ${Math.ceil(waitMs / 1000)}s, try ${attempt} of ${env.ITUNES_THROTTLE_RETRIES}` }),
  });
  const apps = await liveApps();
  const result: VersionSyncResult = { apps_checked: apps.length, from_app_store: 0, from_events: 0, store_ids_found: 0, unchanged: 0, not_found: 0, changed: [], lookup_requests: 0 };
  context.progress({ processed: 0, total: apps.length, message: `Checking ${plural(apps.length, "app")}` });

  const fromStore = new Map<string, LookupSoftware>();
  const apple = apps.filter((app) => app.platform === "apple");
  const hadNoId = new Set(apple.filter((app) => !app.appStoreId).map((app) => app.id));
  await resolveStoreIds(client, apple, (app, found) => fromStore.set(app.id, found));
  result.store_ids_found = apple.filter((app) => hadNoId.has(app.id) && app.appStoreId).length;

  const byId = apple.filter((app) => app.appStoreId && !fromStore.has(app.id));
  if (byId.length > 0 && !context.isCancelled()) {
    const found = new Map((await client.lookupIds([...new Set(byId.map((app) => app.appStoreId!))], HOME_STOREFRONT)).map((software) => [String(software.trackId), software]));
    for (const app of byId) {
      const software = found.get(app.appStoreId!);
      if (software) fromStore.set(app.id, software);
    }
  }
  result.lookup_requests = client.requestCount;

  let processed = 0;
  for (const app of apps) {
    if (context.isCancelled()) break;
    const software = fromStore.get(app.id);
    if (software?.version) {
      result.from_app_store += 1;
      await record(app, software.version, "app_store", software.currentVersionReleaseDate ?? null, result);
    } else {
      const seen = await newestEventVersion(app);
      if (seen) {
        result.from_events += 1;
        await record(app, seen, "events", null, result);
      } else {
        result.not_found += 1;
        await touch(app.id);
      }
    }
    processed += 1;
    if (processed % 50 === 0 || processed === apps.length) context.progress({ processed, total: apps.length, message: `Checked ${processed} of ${plural(apps.length, "app")}` });
  }
  return result;
}

async function liveApps(): Promise<VersionApp[]> {
  const { rows } = await getPool().query<VersionApp>(
    `SELECT a.id, a.project_id AS "projectId", a.name, a.platform::text AS platform, a.bundle_id AS "bundleId", a.apple_app_store_id AS "appStoreId",
            a.latest_app_version AS "latestAppVersion", a.latest_app_version_checked_at AS "checkedAt"
       FROM apps a JOIN projects p ON p.id = a.project_id
      WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL
      ORDER BY a.created_at, a.id`,
  );
  return rows;
}

/**
 * The highest version in the app's production events since it was last checked (and the app's
 * current version, so a late event of an older build never moves it backwards).
 */
async function newestEventVersion(app: VersionApp): Promise<string | null> {
  const since = app.checkedAt ? new Date(app.checkedAt.getTime() - LATE_EVENTS_MS) : new Date(Date.now() - FIRST_LOOK_DAYS * 86_400_000);
  const { rows } = await getPool().query<{ app_version: string }>(
    `SELECT DISTINCT app_version FROM events
      WHERE project_id = $1::uuid AND occurred_at >= $3 AND app_id = $2::uuid AND environment = 'production' AND app_version IS NOT NULL`,
    [app.projectId, app.id, since],
  );
  const candidates = rows.map((row) => row.app_version);
  if (app.latestAppVersion) candidates.push(app.latestAppVersion);
  return candidates.sort(compareVersions).at(-1) ?? null;
}

async function record(app: VersionApp, version: string, source: "app_store" | "events", releasedAt: string | null, result: VersionSyncResult): Promise<void> {
  const { rows } = await getPool().query<{ previous: string | null; previous_source: string | null }>(
    `UPDATE apps a SET latest_app_version = $2, latest_app_version_source = $3::"AppVersionSource", latest_app_version_released_at = $4::timestamptz,
            latest_app_version_checked_at = now(), updated_at = now()
       FROM (SELECT latest_app_version AS previous, latest_app_version_source::text AS previous_source FROM apps WHERE id = $1::uuid) AS before
      WHERE a.id = $1::uuid RETURNING before.previous, before.previous_source`,
    [app.id, version, source, releasedAt],
  );
  const previous = rows[0];
  if (!previous) return;
  if (previous.previous === version && previous.previous_source === source) {
    result.unchanged += 1;
    return;
  }
  if (result.changed.length < LISTED) result.changed.push({ app: app.name, from: previous.previous, to: version, source });
}

async function touch(appId: string): Promise<void> {
  await getPool().query(`UPDATE apps SET latest_app_version_checked_at = now() WHERE id = $1::uuid`, [appId]);
}

/**
 * Orders version strings as people read them: numeric parts as numbers (1.10 after 1.9), then
 * anything else as text; a pre-release suffix ("2.0-beta") sorts before its release.
 */
export function compareVersions(left: string, right: string): number {
  const parse = (version: string) => {
    const [core = "", ...rest] = version.trim().split(/[-+ ]/);
    return { parts: core.split("."), pre: rest.join("-") };
  };
  const a = parse(left);
  const b = parse(right);
  for (let index = 0; index < Math.max(a.parts.length, b.parts.length); index += 1) {
    const x = a.parts[index] ?? "0";
    const y = b.parts[index] ?? "0";
    const difference = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (difference !== 0) return Math.sign(difference);
  }
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return a.pre.localeCompare(b.pre);
}
