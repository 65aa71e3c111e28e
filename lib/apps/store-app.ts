// The Apple app an App Store Connect connection points at (PRODUCT.md "Domain data"). Reviews,
// ratings and versions belong to apps, so connecting App Store Connect makes sure the project lists
// the app it names, and every job that writes reviews finds it the same way.
import { getPool, type Queryable } from "@/lib/db/pool";

export interface StoreApp {
  id: string;
  name: string;
  platform: string;
}

/**
 * The project's live Apple app with this App Store id, created ("App Store app 123…") when the
 * project does not list one. Safe under races: the partial unique index on (project, App Store id)
 * lets exactly one insert win and everyone reads the winner.
 */
export async function ensureStoreApp(projectId: string, appStoreId: string, db: Queryable = getPool()): Promise<StoreApp> {
  await db.query(
    `INSERT INTO apps (id, project_id, name, platform, apple_app_store_id, apple_app_store_id_source, created_at, updated_at)
     VALUES (gen_random_uuid(), $1::uuid, $2, 'apple', $3, 'entered', now(), now())
     ON CONFLICT (project_id, apple_app_store_id) WHERE deleted_at IS NULL DO NOTHING`,
    [projectId, `App Store app ${appStoreId}`, appStoreId],
  );
  const { rows } = await db.query<StoreApp>(
    `SELECT id, name, platform::text AS platform FROM apps WHERE project_id = $1::uuid AND apple_app_store_id = $2 AND deleted_at IS NULL`,
    [projectId, appStoreId],
  );
  const app = rows[0];
  if (!app) throw new Error(`The project's app with App Store id ${appStoreId} could not be created`);
  return app;
}

/** The project's live Apple apps that have an App Store id: what the reviews sync reads. */
export async function appsWithStoreId(projectId: string): Promise<Array<StoreApp & { appStoreId: string }>> {
  const { rows } = await getPool().query<StoreApp & { appStoreId: string }>(
    `SELECT id, name, platform::text AS platform, apple_app_store_id AS "appStoreId" FROM apps
      WHERE project_id = $1::uuid AND deleted_at IS NULL AND platform = 'apple' AND apple_app_store_id IS NOT NULL
      ORDER BY created_at, id`,
    [projectId],
  );
  return rows;
}
