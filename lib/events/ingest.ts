// Storing a batch from POST /api/v1/ingest/events: every item checked on its own (shape, app,
// timestamp window), the valid ones written with one multi-row INSERT per table inside one
// transaction. A month without a partition gets one on demand before the insert.
import { getPool, withTransaction } from "@/lib/db/pool";
import type { IngestActor } from "./ingest-keys";
import { ensurePartitions } from "./partitions";
import { cutoff, retentionColumns, defaultRetentionDays } from "./retention";
import { ingestItemSchema, MAX_FUTURE_MS, type IngestItem, type IngestResult, type RejectedItem } from "./schemas";
import { monthsOf, partitionName, type EventTable } from "./tables";
import { randomUUID } from "node:crypto";
import { fingerprintOf } from "@/lib/issues/fingerprint";

const tableOf = { event: "events", metric: "metric_events", funnel: "funnel_events" } as const satisfies Record<IngestItem["kind"], EventTable>;

// Partitions this process has seen, so the common case asks the catalog nothing. A partition
// dropped since (retention, db_pruning) makes the insert fail once; the cache is then cleared.
const knownPartitions = new Set<string>();

interface Valid {
  item: IngestItem;
  id: string;
  appId: string | null;
}

function firstIssue(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return "invalid event";
  const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return `${where}${issue.message}`;
}

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
  const rejected: RejectedItem[] = [];
  const valid: Valid[] = [];
  items.forEach((raw, index) => {
    const parsed = ingestItemSchema.safeParse(raw);
    if (!parsed.success) return void rejected.push({ index, reason: firstIssue(parsed.error) });
    const item = parsed.data;
    const table = tableOf[item.kind];
    if (item.timestamp.getTime() > now.getTime() + MAX_FUTURE_MS) return void rejected.push({ index, reason: "timestamp is more than 24 hours in the future" });
    const days = retentionDays(table);
    if (item.timestamp.getTime() < cutoff(now, days).getTime()) {
      return void rejected.push({ index, reason: `timestamp is older than this project's ${days}-day retention for ${table.replace("_", " ")}` });
    }
    if (actor.appId && item.appId && item.appId !== actor.appId) return void rejected.push({ index, reason: "appId: this ingest key sends events for another app" });
    const appId = actor.appId ?? item.appId ?? null;
    if (appId && !appIds.has(appId)) return void rejected.push({ index, reason: "appId: not an app of this project" });
    if (item.kind === "event" && item.error && item.level !== "error") return void rejected.push({ index, reason: "level: an event with an error must have level error" });
    valid.push({ item, id: item.id ?? randomUUID(), appId });
  });

  if (valid.length === 0) return { stored: 0, duplicates: 0, rejected };
  await ensureMonthsFor(valid);
  let stored: number;
  try {
    stored = await insertAll(actor.projectId, valid);
  } catch (error) {
    // 23514: no partition for a row, because a partition was dropped after this process saw it.
    if ((error as { code?: string }).code !== "23514") throw error;
    knownPartitions.clear();
    await ensureMonthsFor(valid);
    stored = await insertAll(actor.projectId, valid);
  }
  return { stored, duplicates: valid.length - stored, rejected };
}

async function ensureMonthsFor(valid: Valid[]): Promise<void> {
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

// An error event's issue (lib/issues/fingerprint.ts), computed once here so the issue scan only groups.
function issueFingerprint(item: Extract<IngestItem, { kind: "event" }>): string | null {
  if (item.level !== "error") return null;
  return fingerprintOf({ errorType: item.error?.type ?? null, message: item.message ?? item.name, stack: item.error?.stack ?? null, clientFingerprint: item.error?.fingerprint ?? null });
}

function column<T>(rows: Valid[], pick: (row: Valid) => T): T[] {
  return rows.map(pick);
}

async function insertAll(projectId: string, valid: Valid[]): Promise<number> {
  const events = valid.filter((row) => row.item.kind === "event");
  const metrics = valid.filter((row) => row.item.kind === "metric");
  const funnels = valid.filter((row) => row.item.kind === "funnel");
  return withTransaction(async (client) => {
    // The issue scan counts an error event once SETTLE_MS (60 s) after its received_at, the start
    // of this transaction: the transaction must end well within that, even if this process freezes.
    await client.query(`SET LOCAL statement_timeout = '20s'; SET LOCAL idle_in_transaction_session_timeout = '20s'`);
    let stored = 0;
    const commonColumns = (rows: Valid[]) => [
      column(rows, (row) => row.id),
      column(rows, (row) => row.appId),
      column(rows, (row) => row.item.timestamp),
      column(rows, (row) => row.item.environment),
      column(rows, (row) => row.item.appVersion ?? null),
      column(rows, (row) => row.item.sessionId ?? null),
      column(rows, (row) => row.item.userId ?? null),
      column(rows, (row) => JSON.stringify(row.item.properties)),
    ];
    const commonTypes = `$2::uuid[], $3::uuid[], $4::timestamptz[], $5::"EventEnvironment"[], $6::text[], $7::text[], $8::text[], $9::jsonb[]`;
    const commonNames = "id, app_id, occurred_at, environment, app_version, session_id, app_user_id, properties";
    if (events.length > 0) {
      const item = (row: Valid) => row.item as Extract<IngestItem, { kind: "event" }>;
      const result = await client.query(
        `INSERT INTO events (project_id, ${commonNames}, name, level, message, error_type, error_stack, fingerprint)
         SELECT $1::uuid, * FROM unnest(${commonTypes}, $10::text[], $11::"EventLevel"[], $12::text[], $13::text[], $14::text[], $15::text[])
         ON CONFLICT DO NOTHING`,
        [
          projectId,
          ...commonColumns(events),
          column(events, (row) => item(row).name),
          column(events, (row) => item(row).level),
          column(events, (row) => item(row).message ?? null),
          column(events, (row) => item(row).error?.type ?? null),
          column(events, (row) => item(row).error?.stack ?? null),
          column(events, (row) => issueFingerprint(item(row))),
        ],
      );
      stored += result.rowCount ?? 0;
    }
    if (metrics.length > 0) {
      const item = (row: Valid) => row.item as Extract<IngestItem, { kind: "metric" }>;
      const result = await client.query(
        `INSERT INTO metric_events (project_id, ${commonNames}, metric, phase, value, duration_ms)
         SELECT $1::uuid, * FROM unnest(${commonTypes}, $10::text[], $11::text[], $12::float8[], $13::int[])
         ON CONFLICT DO NOTHING`,
        [
          projectId,
          ...commonColumns(metrics),
          column(metrics, (row) => item(row).metric),
          column(metrics, (row) => item(row).phase),
          column(metrics, (row) => item(row).value ?? null),
          column(metrics, (row) => item(row).durationMs ?? null),
        ],
      );
      stored += result.rowCount ?? 0;
    }
    if (funnels.length > 0) {
      const item = (row: Valid) => row.item as Extract<IngestItem, { kind: "funnel" }>;
      const result = await client.query(
        `INSERT INTO funnel_events (project_id, ${commonNames}, funnel, step, step_index)
         SELECT $1::uuid, * FROM unnest(${commonTypes}, $10::text[], $11::text[], $12::int[])
         ON CONFLICT DO NOTHING`,
        [projectId, ...commonColumns(funnels), column(funnels, (row) => item(row).funnel), column(funnels, (row) => item(row).step), column(funnels, (row) => item(row).stepIndex ?? null)],
      );
      stored += result.rowCount ?? 0;
    }
    return stored;
  });
}
