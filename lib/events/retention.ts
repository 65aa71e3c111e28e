// Retention (PRODUCT.md "Domain data"): each project keeps each event table's rows for its policy's
// days (project settings), or the server's default. retention_cleanup drops whole partitions that
// every project's policy has expired, and deletes the rest in bounded batches that walk a
// project's index forward, so no statement holds its locks for long or rescans what it deleted.
import { getPool, type Queryable } from "@/lib/db/pool";
import { deleteEventsInBatches } from "./delete-events";
import { env } from "@/lib/env";
import { dropPartition, listPartitions } from "./partitions";
import { eventTables, type EventTable } from "./tables";

const DAY_MS = 86_400_000;

/** Each table's policy column on projects. */
export const retentionColumns: Record<EventTable, string> = {
  events: "events_retention_days",
  metric_events: "metric_events_retention_days",
  funnel_events: "funnel_events_retention_days",
};

export function defaultRetentionDays(table: EventTable): number {
  return { events: env.EVENTS_RETENTION_DAYS, metric_events: env.METRIC_EVENTS_RETENTION_DAYS, funnel_events: env.FUNNEL_EVENTS_RETENTION_DAYS }[table];
}

export interface ProjectRetention {
  projectId: string;
  days: Record<EventTable, number>;
}

/** Every project's effective policy, soft-deleted ones included: their events are still there. */
export async function projectRetentions(db: Queryable = getPool()): Promise<ProjectRetention[]> {
  const { rows } = await db.query<{ id: string; events: number | null; metric_events: number | null; funnel_events: number | null }>(
    `SELECT id, events_retention_days AS events, metric_events_retention_days AS metric_events, funnel_events_retention_days AS funnel_events
       FROM projects ORDER BY created_at, id`,
  );
  return rows.map((row) => ({
    projectId: row.id,
    days: Object.fromEntries(eventTables.map((table) => [table, row[table] ?? defaultRetentionDays(table)])) as Record<EventTable, number>,
  }));
}

/** Events of the table that occurred before this instant are expired for the policy. */
export function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export interface RetentionProgress {
  deletedRows: number;
  droppedPartitions: string[];
  message: string;
}

export interface RetentionOptions {
  now: Date;
  batchSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (progress: RetentionProgress) => void;
}

export interface RetentionResult {
  droppedPartitions: string[];
  /** Rows deleted one batch at a time, per table. */
  deleted: Record<EventTable, number>;
  projects: number;
  cancelled: boolean;
}

/**
 * Deletes what every project's policy has expired. A partition goes whole when its upper bound is
 * at or before the cutoff of the longest policy among all projects: no row in it can still be
 * kept. The rest goes row by row, per project, in batches of `batchSize`.
 */
export async function applyRetention(options: RetentionOptions): Promise<RetentionResult> {
  const { now, batchSize = 5000, isCancelled = () => false, onProgress } = options;
  const retentions = await projectRetentions();
  const deleted = { events: 0, metric_events: 0, funnel_events: 0 } satisfies Record<EventTable, number>;
  const droppedPartitions: string[] = [];
  const report = (message: string) =>
    onProgress?.({ deletedRows: deleted.events + deleted.metric_events + deleted.funnel_events, droppedPartitions: [...droppedPartitions], message });

  for (const table of eventTables) {
    const longest = Math.max(defaultRetentionDays(table), ...retentions.map((retention) => retention.days[table]));
    const safeBefore = cutoff(now, longest);
    for (const partition of await listPartitions()) {
      if (partition.table !== table || partition.to.getTime() > safeBefore.getTime()) continue;
      if (isCancelled()) return { droppedPartitions, deleted, projects: retentions.length, cancelled: true };
      if (await dropPartition(partition)) droppedPartitions.push(partition.name);
      report(`Dropped ${partition.name}`);
    }
  }

  for (const retention of retentions) {
    for (const table of eventTables) {
      const before = cutoff(now, retention.days[table]);
      const alreadyDeleted = deleted[table];
      const count = await deleteEventsInBatches(table, { projectId: retention.projectId, before }, batchSize, isCancelled, (rows) =>
        report(`Deleted ${alreadyDeleted + rows} expired ${table.replace("_", " ")}`),
      );
      if (count === null) return { droppedPartitions, deleted, projects: retentions.length, cancelled: true };
      deleted[table] += count;
    }
  }
  return { droppedPartitions, deleted, projects: retentions.length, cancelled: false };
}
