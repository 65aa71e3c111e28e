// Deleting a project's events (or one app's, or those before an instant) in bounded batches that
// walk the (project_id, occurred_at) index forward: no statement holds its locks for long or
// rescans the dead entries the previous batch left. Shared by retention and soft-delete cleanup.
import { getPool } from "@/lib/db/pool";
import type { EventTable } from "./tables";

export interface EventsToDelete {
  projectId: string;
  /** Only this app's events. */
  appId?: string | null;
  /** Only events that occurred before this instant. */
  before?: Date | null;
}

/** How many rows went, or null when cancelled between batches. */
export async function deleteEventsInBatches(table: EventTable, which: EventsToDelete, batchSize: number, isCancelled: () => boolean, onBatch?: (deleted: number) => void): Promise<number | null> {
  let from = new Date(0);
  let deleted = 0;
  for (;;) {
    if (isCancelled()) return null;
    const { rows } = await getPool().query<{ last: Date | null; count: string }>(
      `WITH batch AS (
         SELECT project_id, id, occurred_at FROM ${table}
          WHERE project_id = $1 AND occurred_at >= $2 AND ($3::timestamptz IS NULL OR occurred_at < $3) AND ($4::uuid IS NULL OR app_id = $4)
          ORDER BY occurred_at LIMIT $5),
       gone AS (
         DELETE FROM ${table} AS t USING batch
          WHERE t.project_id = batch.project_id AND t.id = batch.id AND t.occurred_at = batch.occurred_at
         RETURNING t.occurred_at)
       SELECT max(occurred_at) AS last, count(*) AS count FROM gone`,
      [which.projectId, from, which.before ?? null, which.appId ?? null, batchSize],
    );
    const count = Number(rows[0]?.count ?? 0);
    deleted += count;
    if (count > 0) onBatch?.(deleted);
    if (count < batchSize || !rows[0]?.last) return deleted;
    from = rows[0].last;
  }
}
