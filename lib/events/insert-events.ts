// Writing a batch's checked items: one multi-row INSERT per table in one transaction, each column
// sent as one parameter (lib/db/array-literals.ts). ON CONFLICT DO NOTHING keeps a resent batch
// from storing anything twice; only the rows written are counted.
import { plainArray, textArray } from "@/lib/db/array-literals";
import { withTransaction } from "@/lib/db/pool";
import { fingerprintOf } from "@/lib/issues/fingerprint";
import type { IngestItem } from "./schemas";

/** An item that passed every check, as it is stored. */
export interface StoredItem {
  item: IngestItem;
  id: string;
  appId: string | null;
  propertiesJson: string;
}

type Of<Kind extends IngestItem["kind"]> = StoredItem & { item: Extract<IngestItem, { kind: Kind }> };

const commonNames = "id, app_id, occurred_at, environment, app_version, session_id, app_user_id, properties";
// The properties arrive as one JSON array, in the rows' order: their JSON is full of quotes, which a
// text[] literal would have to escape one by one, and PostgreSQL parses either form at the same cost.
const commonTypes = `$2::uuid[], $3::uuid[], $4::timestamptz[], $5::"EventEnvironment"[], $6::text[], $7::text[], $8::text[],
  ARRAY(SELECT value::jsonb FROM json_array_elements($9::json) WITH ORDINALITY ORDER BY ordinality)`;

function commonColumns(rows: StoredItem[]): string[] {
  return [
    plainArray(rows, (row) => row.id),
    plainArray(rows, (row) => row.appId),
    plainArray(rows, (row) => row.item.timestamp.toISOString()),
    plainArray(rows, (row) => row.item.environment),
    textArray(rows, (row) => row.item.appVersion),
    textArray(rows, (row) => row.item.sessionId),
    textArray(rows, (row) => row.item.userId),
    `[${rows.map((row) => row.propertiesJson).join(",")}]`,
  ];
}

// An error event's issue (lib/issues/fingerprint.ts), computed once here so the issue scan only groups.
function issueFingerprint({ item }: Of<"event">): string | null {
  if (item.level !== "error") return null;
  return fingerprintOf({ errorType: item.error?.type ?? null, message: item.message ?? item.name, stack: item.error?.stack ?? null, clientFingerprint: item.error?.fingerprint ?? null });
}

/** Stores the items in one transaction; returns how many were new (the rest were stored before). */
export async function insertItems(projectId: string, rows: StoredItem[]): Promise<number> {
  const events = rows.filter((row): row is Of<"event"> => row.item.kind === "event");
  const metrics = rows.filter((row): row is Of<"metric"> => row.item.kind === "metric");
  const funnels = rows.filter((row): row is Of<"funnel"> => row.item.kind === "funnel");
  return withTransaction(async (client) => {
    // The issue scan counts an error event once SETTLE_MS (60 s) after its received_at, the start
    // of this transaction: the transaction must end well within that, even if this process freezes.
    await client.query(`SET LOCAL statement_timeout = '20s'; SET LOCAL idle_in_transaction_session_timeout = '20s'`);
    let stored = 0;
    if (events.length > 0) {
      const result = await client.query(
        `INSERT INTO events (project_id, ${commonNames}, name, level, message, error_type, error_stack, fingerprint)
         SELECT $1::uuid, * FROM unnest(${commonTypes}, $10::text[], $11::"EventLevel"[], $12::text[], $13::text[], $14::text[], $15::text[])
         ON CONFLICT DO NOTHING`,
        [
          projectId,
          ...commonColumns(events),
          textArray(events, (row) => row.item.name),
          plainArray(events, (row) => row.item.level),
          textArray(events, (row) => row.item.message),
          textArray(events, (row) => row.item.error?.type),
          textArray(events, (row) => row.item.error?.stack),
          plainArray(events, issueFingerprint),
        ],
      );
      stored += result.rowCount ?? 0;
    }
    if (metrics.length > 0) {
      const result = await client.query(
        `INSERT INTO metric_events (project_id, ${commonNames}, metric, phase, value, duration_ms)
         SELECT $1::uuid, * FROM unnest(${commonTypes}, $10::text[], $11::text[], $12::float8[], $13::int[])
         ON CONFLICT DO NOTHING`,
        [
          projectId,
          ...commonColumns(metrics),
          textArray(metrics, (row) => row.item.metric),
          plainArray(metrics, (row) => row.item.phase),
          plainArray(metrics, (row) => row.item.value),
          plainArray(metrics, (row) => row.item.durationMs),
        ],
      );
      stored += result.rowCount ?? 0;
    }
    if (funnels.length > 0) {
      const result = await client.query(
        `INSERT INTO funnel_events (project_id, ${commonNames}, funnel, step, step_index)
         SELECT $1::uuid, * FROM unnest(${commonTypes}, $10::text[], $11::text[], $12::int[])
         ON CONFLICT DO NOTHING`,
        [projectId, ...commonColumns(funnels), textArray(funnels, (row) => row.item.funnel), textArray(funnels, (row) => row.item.step), plainArray(funnels, (row) => row.item.stepIndex)],
      );
      stored += result.rowCount ?? 0;
    }
    return stored;
  });
}
