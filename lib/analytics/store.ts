// pull_analytics' tables: the report request remembered per (project, App Store Connect app, access
// type), the instances already stored, and the daily rows. A stored instance's rows and its
// analytics_instances row are written in one transaction, so an instance is either fully stored
// (and skipped next time) or not at all.
import { getPool, withTransaction } from "@/lib/db/pool";
import type { DailyRow } from "./aggregate";
import type { AnalyticsReportKey } from "./reports";

export async function rememberedRequestId(projectId: string, ascAppId: string, accessType: string): Promise<string | null> {
  const { rows } = await getPool().query<{ request_id: string }>(
    `SELECT request_id FROM analytics_report_requests WHERE project_id = $1::uuid AND asc_app_id = $2 AND access_type = $3`,
    [projectId, ascAppId, accessType],
  );
  return rows[0]?.request_id ?? null;
}

export async function rememberRequest(projectId: string, ascAppId: string, accessType: string, requestId: string): Promise<void> {
  await getPool().query(
    `INSERT INTO analytics_report_requests (project_id, asc_app_id, access_type, request_id, created_at) VALUES ($1::uuid, $2, $3, $4, now())
     ON CONFLICT (project_id, asc_app_id, access_type) DO UPDATE SET request_id = EXCLUDED.request_id, created_at = now()
     WHERE analytics_report_requests.request_id IS DISTINCT FROM EXCLUDED.request_id`,
    [projectId, ascAppId, accessType, requestId],
  );
}

/** Which of these instance ids the project has already stored. */
export async function storedInstanceIds(projectId: string, instanceIds: string[]): Promise<Set<string>> {
  if (instanceIds.length === 0) return new Set();
  const { rows } = await getPool().query<{ instance_id: string }>(
    `SELECT instance_id FROM analytics_instances WHERE project_id = $1::uuid AND instance_id = ANY($2::text[])`,
    [projectId, instanceIds],
  );
  return new Set(rows.map((row) => row.instance_id));
}

export interface InstanceToStore {
  projectId: string;
  /** The project's app row (session.localAppId). */
  appId: string;
  report: AnalyticsReportKey;
  reportName: string;
  instanceId: string;
  granularity: string;
  processingDate: string;
  segments: number;
}

/**
 * Upserts the instance's rows and records the instance. A row replaces the stored one only when its
 * processing date is at least as new: an older instance read late never overwrites newer data, and
 * values are never added across instances. Returns the rows written (inserted or replaced).
 */
export async function storeInstance(instance: InstanceToStore, rows: DailyRow[]): Promise<number> {
  return withTransaction(async (client) => {
    let written = 0;
    if (rows.length > 0) {
      const result = await client.query(
        `INSERT INTO analytics_daily (project_id, app_id, report, date, territory, dimension_key, dimensions, measures, processing_date, instance_id, synced_at)
         SELECT $1::uuid, $2::uuid, $3, r.date, r.territory, r.dimension_key, r.dimensions, r.measures, $4::date, $5, now()
           FROM unnest($6::date[], $7::text[], $8::text[], $9::jsonb[], $10::jsonb[]) AS r(date, territory, dimension_key, dimensions, measures)
         ON CONFLICT (app_id, report, date, territory, dimension_key) DO UPDATE SET
           project_id = EXCLUDED.project_id, dimensions = EXCLUDED.dimensions, measures = EXCLUDED.measures,
           processing_date = EXCLUDED.processing_date, instance_id = EXCLUDED.instance_id, synced_at = EXCLUDED.synced_at
         WHERE EXCLUDED.processing_date >= analytics_daily.processing_date`,
        [
          instance.projectId,
          instance.appId,
          instance.report,
          instance.processingDate,
          instance.instanceId,
          rows.map((row) => row.date),
          rows.map((row) => row.territory),
          rows.map((row) => row.dimensionKey),
          rows.map((row) => JSON.stringify(row.dimensions)),
          rows.map((row) => JSON.stringify(row.measures)),
        ],
      );
      written = result.rowCount ?? 0;
    }
    await client.query(
      `INSERT INTO analytics_instances (project_id, instance_id, report_name, granularity, processing_date, segments, rows, stored_at)
       VALUES ($1::uuid, $2, $3, $4, $5::date, $6, $7, now()) ON CONFLICT (project_id, instance_id) DO NOTHING`,
      [instance.projectId, instance.instanceId, instance.reportName, instance.granularity, instance.processingDate, instance.segments, rows.length],
    );
    return written;
  });
}
