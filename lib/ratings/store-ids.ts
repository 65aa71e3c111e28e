// Apple apps known only by their bundle id: iTunes Lookup finds their App Store id (one request per
// app, in the US storefront), which is stored with where it came from, so every later lookup can
// batch by id. Used by app_version_sync and app_store_ratings_sync.
import { getPool } from "@/lib/db/pool";
import type { ItunesLookupClient, LookupSoftware } from "@/lib/itunes/client";

export interface LookupApp {
  id: string;
  projectId: string;
  name: string;
  platform: string;
  bundleId: string | null;
  appStoreId: string | null;
}

// Where bundle ids are looked up: the largest storefront, where nearly every app is sold.
export const HOME_STOREFRONT = "us";

/**
 * Fills in `appStoreId` of each app that has none but has a bundle id the App Store knows; returns
 * the apps still without one. `found` receives each lookup's result (app_version_sync reads the
 * version from it instead of asking again).
 */
export async function resolveStoreIds(client: ItunesLookupClient, apps: LookupApp[], found?: (app: LookupApp, result: LookupSoftware) => void): Promise<LookupApp[]> {
  const unresolved: LookupApp[] = [];
  for (const app of apps) {
    if (app.appStoreId || !app.bundleId) continue;
    const result = await client.lookupBundleId(app.bundleId, HOME_STOREFRONT);
    if (!result) {
      unresolved.push(app);
      continue;
    }
    const appStoreId = String(result.trackId);
    try {
      // Only if still unset: someone may have typed one in meanwhile, and theirs wins.
      const { rows } = await getPool().query<{ apple_app_store_id: string }>(
        `UPDATE apps SET apple_app_store_id = COALESCE(apple_app_store_id, $2),
                         apple_app_store_id_source = CASE WHEN apple_app_store_id IS NULL THEN 'app_store'::"AppStoreIdSource" ELSE apple_app_store_id_source END,
                         updated_at = now()
          WHERE id = $1::uuid RETURNING apple_app_store_id`,
        [app.id, appStoreId],
      );
      app.appStoreId = rows[0]?.apple_app_store_id ?? null;
    } catch (error) {
      // Another app of the project already has this App Store id: leave this one as it is.
      if ((error as { code?: string }).code !== "23505") throw error;
      unresolved.push(app);
      continue;
    }
    if (app.appStoreId === appStoreId) found?.(app, result);
  }
  return unresolved;
}
