// Storing a batch from POST /api/v1/ingest/events: every item checked on its own (shape, app,
// timestamp window), the valid ones written by insert-events.ts in one transaction. A month
// without a partition gets one on demand before the insert.
import { randomUUID } from "node:crypto";
import { getPool } from "@/lib/db/pool";
import { checkItem } from "./check-item";
import type { IngestActor } from "./ingest-keys";
import { insertItems, type StoredItem } from "./insert-events";
import { ensurePartitions } from "./partitions";
import { cutoff, retentionColumns, defaultRetentionDays } from "./retention";
import { MAX_FUTURE_MS, type IngestItem, type IngestResult, type RejectedItem } from "./schemas";
import { eventTables, monthsOf, partitionName, type EventTable } from "./tables";

const tableOf = { event: "events", metric: "metric_events", funnel: "funnel_events" } as const satisfies Record<IngestItem["kind"], EventTable>;

// Partitions this process has seen, so the common case asks the catalog nothing. A partition
// dropped since (retention, db_pruning) makes the insert fail once; the cache is then cleared.
const knownPartitions = new Set<string>();

async function projectContext(actor: IngestActor) {
  const columns = Object.values(retentionColumns).join(", ");
  const [project, apps] = await Promise.all([
    getPool().query<Record<string, number | null>>(`SELECT ${columns} FROM projects WHERE id = $1`, [actor.projectId]),
    getPool().query<{ id: string }>(`SELECT id FROM apps WHERE project_id = $1 AND deleted_at IS NULL`, [actor.projectId]),
  ]);
  const row = project.rows[0] ?? {};
  const retentionDays = (table: EventTable) => row[retentionColumns[table]] ?? defaultRetentionDays(table);
  return { retentionDays, appIds: new Set(apps.rows.map((app) => app.id)) };
}

/** Checks and stores a batch's items (already known to be an array of at most 1,000). */
export async function ingestBatch(actor: IngestActor, items: unknown[], now = new Date()): Promise<IngestResult> {
  const { retentionDays, appIds } = await projectContext(actor);
  // The timestamp window, worked out once per batch rather than once per item.
  const latest = now.getTime() + MAX_FUTURE_MS;
  const oldest = new Map(eventTables.map((table) => [table, cutoff(now, retentionDays(table)).getTime()]));
  const rejected: RejectedItem[] = [];
  const valid: StoredItem[] = [];
  items.forEach((raw, index) => {
    const checked = checkItem(raw);
    if ("reason" in checked) return void rejected.push({ index, reason: checked.reason });
    const { item } = checked;
    const table = tableOf[item.kind];
    const at = item.timestamp.getTime();
    if (at > latest) return void rejected.push({ index, reason: "timestamp is more than 24 hours in the future" });
    if (at < oldest.get(table)!) {
      return void rejected.push({ index, reason: `timestamp is older than this project's ${retentionDays(table)}-day retention for ${table.replace("_", " ")}` });
    }
    if (actor.appId && item.appId && item.appId !== actor.appId) return void rejected.push({ index, reason: "appId: this ingest key sends events for another app" });
    const appId = actor.appId ?? item.appId ?? null;
    if (appId && !appIds.has(appId)) return void rejected.push({ index, reason: "appId: not an app of this project" });
    if (item.kind === "event" && item.error && item.level !== "error") return void rejected.push({ index, reason: "level: an event with an error must have level error" });
    valid.push({ item, id: item.id ?? randomUUID(), appId, propertiesJson: checked.propertiesJson });
  });

  if (valid.length === 0) return { stored: 0, duplicates: 0, rejected };
  await ensureMonthsFor(valid);
  let stored: number;
  try {
    stored = await insertItems(actor.projectId, valid);
  } catch (error) {
    // 23514: no partition for a row, because a partition was dropped after this process saw it.
    if ((error as { code?: string }).code !== "23514") throw error;
    knownPartitions.clear();
    await ensureMonthsFor(valid);
    stored = await insertItems(actor.projectId, valid);
  }
  return { stored, duplicates: valid.length - stored, rejected };
}

async function ensureMonthsFor(valid: StoredItem[]): Promise<void> {
  const byTable = new Map<EventTable, Date[]>();
  for (const { item } of valid) {
    const table = tableOf[item.kind];
    const instants = byTable.get(table);
    if (instants) instants.push(item.timestamp);
    else byTable.set(table, [item.timestamp]);
  }
  for (const [table, instants] of byTable) {
    const missing = monthsOf(instants).filter((month) => !knownPartitions.has(partitionName(table, month)));
    if (missing.length === 0) continue;
    await ensurePartitions(missing, [table]);
    for (const month of missing) knownPartitions.add(partitionName(table, month));
  }
}

/** Forgets which partitions exist (after this process dropped some). */
export function forgetKnownPartitions(): void {
  knownPartitions.clear();
}
