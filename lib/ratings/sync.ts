// app_store_ratings_sync's work for a set of projects: every Apple app with a bundle id, in every
// storefront, with one iTunes Lookup request per storefront covering all of those apps (not one per
// app per storefront). Each storefront's answer is saved as it arrives (app_store_ratings), then
// each app's worldwide cache (apps.rating_average, rating_count) is recomputed from its storefronts,
// and an app whose worldwide count went up since the previous sync tells its team
// (app.rating_changed). An app's first sync tells no one.
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { appUrl, env } from "@/lib/env";
import { ItunesLookupClient, LookupThrottledError, type LookupSoftware } from "@/lib/itunes/client";
import { storefronts as configuredStorefronts } from "@/lib/itunes/storefronts";
import type { JobContext, ProjectRef } from "@/lib/jobs/handler";
import { emitNotification } from "@/lib/notify/emit";
import { plural } from "@/lib/plural";
import { resolveStoreIds, type LookupApp } from "./store-ids";

export interface RatingsSyncOptions {
  /** Storefronts to read; default: ITUNES_STOREFRONTS or the 175 marketed ones. */
  storefronts?: string[];
}

export interface ProjectRatings {
  apps: Array<{ app: string; app_store_id: string | null; rating_average: number | null; rating_count: number | null; storefronts_rated: number; notified: boolean; error?: string }>;
  storefronts: number;
  /** Storefronts still throttled after every backoff: left as they were, read again next run. */
  storefronts_throttled: string[];
  ratings_saved: number;
  lookup_requests: number;
}

interface Rated {
  app: LookupApp;
  saved: number;
}

export async function syncRatings(projects: ProjectRef[], context: JobContext, options: RatingsSyncOptions = {}): Promise<Map<string, ProjectRatings>> {
  const storefronts = options.storefronts ?? configuredStorefronts();
  const client = new ItunesLookupClient({
    baseUrl: env.ITUNES_LOOKUP_URL,
    signal: context.signal,
    backoffMs: env.ITUNES_THROTTLE_BACKOFF_MS,
    retries: env.ITUNES_THROTTLE_RETRIES,
    onThrottled: ({ country, waitMs, attempt }) =>
      context.progress({ message: `iTunes Lookup is throttling us (storefront ${country.toUpperCase()}): waiting ${Math.ceil(waitMs / 1000)}s, try ${attempt} of ${env.ITUNES_THROTTLE_RETRIES}` }),
  });

  const apps = await appsToRate(projects.map((project) => project.id));
  // Apps known only by bundle id get their App Store id first (one US lookup each), so the
  // storefront requests can batch by id.
  const unresolved = await resolveStoreIds(client, apps);
  const rated = new Map<string, Rated>(apps.filter((app) => app.appStoreId).map((app) => [app.id, { app, saved: 0 }]));
  const ids = [...new Set([...rated.values()].map(({ app }) => app.appStoreId!))];
  const throttled: string[] = [];

  context.progress({ processed: 0, total: storefronts.length, message: `Reading ${plural(storefronts.length, "storefront")} for ${plural(rated.size, "app")}` });
  for (const [index, country] of storefronts.entries()) {
    if (context.isCancelled() || ids.length === 0) break;
    try {
      const results = await client.lookupIds(ids, country);
      await saveStorefront(country, [...rated.values()], results);
    } catch (error) {
      // One storefront that stays throttled does not fail the run: its ratings stay as they were.
      if (!(error instanceof LookupThrottledError)) throw error;
      throttled.push(country);
    }
    context.progress({ processed: index + 1, total: storefronts.length, message: `Storefront ${country.toUpperCase()} (${index + 1} of ${storefronts.length})` });
  }

  const byProject = new Map<string, ProjectRatings>(
    projects.map((project) => [project.id, { apps: [], storefronts: storefronts.length, storefronts_throttled: throttled, ratings_saved: 0, lookup_requests: client.requestCount }]),
  );
  for (const app of unresolved) {
    byProject.get(app.projectId)?.apps.push({ app: app.name, app_store_id: null, rating_average: null, rating_count: null, storefronts_rated: 0, notified: false, error: `No App Store app has bundle id ${app.bundleId}` });
  }
  for (const { app } of rated.values()) {
    const project = projects.find((candidate) => candidate.id === app.projectId)!;
    const worldwide = await refreshWorldwide(app, project, context.runId);
    const entry = byProject.get(app.projectId)!;
    entry.apps.push({ app: app.name, app_store_id: app.appStoreId, rating_average: worldwide.average, rating_count: worldwide.count, storefronts_rated: worldwide.storefronts, notified: worldwide.notified });
    entry.ratings_saved += worldwide.storefronts;
  }
  return byProject;
}


async function appsToRate(projectIds: string[]): Promise<LookupApp[]> {
  const { rows } = await getPool().query<LookupApp>(
    `SELECT a.id, a.project_id AS "projectId", a.name, a.platform::text AS platform, a.bundle_id AS "bundleId", a.apple_app_store_id AS "appStoreId"
       FROM apps a JOIN projects p ON p.id = a.project_id
      WHERE a.project_id = ANY($1::uuid[]) AND a.deleted_at IS NULL AND p.deleted_at IS NULL AND a.platform = 'apple' AND a.bundle_id IS NOT NULL
      ORDER BY a.created_at, a.id`,
    [projectIds],
  );
  return rows;
}

/**
 * One storefront's answer for every app: a rating row per app the storefront sells (count 0 and no
 * average when it has no ratings there), and no row for an app it does not sell.
 */
async function saveStorefront(country: string, apps: Rated[], results: LookupSoftware[]): Promise<void> {
  const byId = new Map(results.map((result) => [String(result.trackId), result]));
  const sold = apps.filter(({ app }) => byId.has(app.appStoreId!));
  const absent = apps.filter(({ app }) => !byId.has(app.appStoreId!)).map(({ app }) => app.id);
  const pool = getPool();
  if (sold.length > 0) {
    const rows = sold.map(({ app }) => ({ app, result: byId.get(app.appStoreId!)! }));
    await pool.query(
      `INSERT INTO app_store_ratings (project_id, app_id, country, average_rating, rating_count, current_version_average, current_version_count, version, synced_at)
       SELECT r.project_id, r.app_id, $1, r.average, r.count, r.current_average, r.current_count, r.version, now()
         FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::int[], $6::numeric[], $7::int[], $8::text[])
           AS r(project_id, app_id, average, count, current_average, current_count, version)
       ON CONFLICT (app_id, country) DO UPDATE SET average_rating = EXCLUDED.average_rating, rating_count = EXCLUDED.rating_count,
         current_version_average = EXCLUDED.current_version_average, current_version_count = EXCLUDED.current_version_count,
         version = EXCLUDED.version, synced_at = EXCLUDED.synced_at`,
      [
        country,
        rows.map(({ app }) => app.projectId),
        rows.map(({ app }) => app.id),
        rows.map(({ result }) => rounded(result.averageUserRating)),
        rows.map(({ result }) => result.userRatingCount ?? 0),
        rows.map(({ result }) => rounded(result.averageUserRatingForCurrentVersion)),
        rows.map(({ result }) => result.userRatingCountForCurrentVersion ?? null),
        rows.map(({ result }) => result.version ?? null),
      ],
    );
  }
  if (absent.length > 0) await pool.query(`DELETE FROM app_store_ratings WHERE app_id = ANY($1::uuid[]) AND country = $2`, [absent, country]);
}

// Apple sends averages like 4.13506999999999980133; three decimals are what the column keeps.
const rounded = (average: number | undefined) => (average === undefined ? null : Math.round(average * 1000) / 1000);

/**
 * The app's worldwide rating from its storefronts (counts summed, averages weighted by count),
 * written with the notification it owes in one transaction, so a crashed run neither loses nor
 * repeats it: the next run compares against what this one wrote.
 */
async function refreshWorldwide(app: LookupApp, project: ProjectRef, runId: string): Promise<{ average: number | null; count: number; storefronts: number; notified: boolean }> {
  return prisma.$transaction(async (tx) => {
    const [previous] = await tx.$queryRaw<Array<{ rating_average: string | null; rating_count: number | null; ratings_synced_at: Date | null }>>`
      SELECT rating_average::text, rating_count, ratings_synced_at FROM apps WHERE id = ${app.id}::uuid FOR UPDATE`;
    const [totals] = await tx.$queryRaw<Array<{ count: bigint | null; weighted: string | null; storefronts: bigint }>>`
      SELECT sum(rating_count) AS count, sum(average_rating * rating_count) AS weighted, count(*) AS storefronts FROM app_store_ratings WHERE app_id = ${app.id}::uuid`;
    const total = Number(totals?.count ?? 0);
    const average = total > 0 ? Math.round((Number(totals!.weighted) / total) * 1000) / 1000 : null;
    await tx.$executeRaw`UPDATE apps SET rating_average = ${average}::numeric, rating_count = ${total}, ratings_synced_at = now(), updated_at = now() WHERE id = ${app.id}::uuid`;

    const firstSync = !previous || previous.ratings_synced_at === null;
    const notified = !firstSync && total > (previous.rating_count ?? 0);
    if (notified) {
      await emitNotification(tx, "app.rating_changed", {
        teamId: project.teamId,
        projectId: project.id,
        runId,
        data: {
          project: { id: project.id, slug: project.slug, name: project.name },
          app: { id: app.id, name: app.name, platform: app.platform },
          previous: { average: previous!.rating_average === null ? null : Number(previous!.rating_average), count: previous!.rating_count ?? 0 },
          current: { average, count: total },
          url: `${appUrl()}/projects/${project.slug}/store?app=${app.id}`,
        },
      });
    }
    return { average, count: total, storefronts: Number(totals?.storefronts ?? 0), notified };
  });
}
