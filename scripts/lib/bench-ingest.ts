// Ingest throughput for the bench's events section: the same batches of 1,000 stored four ways, at
// the same concurrency, repetitions interleaved (API, in process, unnest, COPY, API, …):
//   api       POST /api/v1/ingest/events on the production web server (everything the product does);
//   process   ingestBatch() in this process: JSON.parse, the item checks and the insert, without
//             HTTP, the key's authentication or the rate limit;
//   unnest    the bare ceiling: the product's multi-row INSERT … SELECT FROM unnest(...) per table
//             in one transaction, rows already typed (no validation);
//   copy      the bare COPY ceiling: COPY … FROM STDIN per table in one transaction.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { getPool, withTransaction } from "@/lib/db/pool";
import { ingestBatch } from "@/lib/events/ingest";
import type { IngestActor } from "@/lib/events/ingest-keys";
import { ensurePartitions } from "@/lib/events/partitions";
import type { IngestItemInput } from "@/lib/events/schemas";
import { monthsOf } from "@/lib/events/tables";
import { fingerprintOf } from "@/lib/issues/fingerprint";
import { copyFrom, copyValue } from "./bench-copy";
import { makeBatches } from "./bench-ingest-batches";

export const ingestVariants = ["api", "process", "unnest", "copy"] as const;
export type IngestVariant = (typeof ingestVariants)[number];

export interface IngestTarget {
  baseUrl: string;
  key: string;
  actor: IngestActor;
}

export interface IngestOptions {
  batches: number;
  batchSize: number;
  concurrency: number;
  repetitions: number;
  log: (line: string) => void;
}

/** Events (rows) per second of each variant, one entry per repetition. */
export type IngestRates = Record<IngestVariant, number[]>;

async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

// A row as the product stores it: the item's fields, typed, with the defaults the schema applies
// and an error event's issue fingerprint, all worked out before the clock starts.
interface Row {
  kind: IngestItemInput["kind"];
  id: string;
  occurredAt: Date;
  environment: string;
  appVersion: string | null;
  sessionId: string | null;
  userId: string | null;
  properties: string;
  fields: Record<string, string | number | null>;
}

function toRow(item: IngestItemInput): Row {
  const common = {
    kind: item.kind,
    id: item.id!,
    occurredAt: new Date(item.timestamp),
    environment: item.environment ?? "production",
    appVersion: item.appVersion ?? null,
    sessionId: item.sessionId ?? null,
    userId: item.userId ?? null,
    properties: JSON.stringify(item.properties ?? {}),
  };
  if (item.kind === "event") {
    const level = item.level ?? "info";
    const fingerprint =
      level === "error" ? fingerprintOf({ errorType: item.error?.type ?? null, message: item.message ?? item.name, stack: item.error?.stack ?? null, clientFingerprint: item.error?.fingerprint ?? null }) : null;
    return {
      ...common,
      fields: { name: item.name, level, message: item.message ?? null, error_type: item.error?.type ?? null, error_stack: item.error?.stack ?? null, fingerprint },
    };
  }
  if (item.kind === "metric") return { ...common, fields: { metric: item.metric, phase: item.phase ?? "record", value: item.value ?? null, duration_ms: item.durationMs ?? null } };
  return { ...common, fields: { funnel: item.funnel, step: item.step, step_index: item.stepIndex ?? null } };
}

const tables = {
  event: { table: "events", columns: ["name", "level", "message", "error_type", "error_stack", "fingerprint"], types: ["text", '"EventLevel"', "text", "text", "text", "text"] },
  metric: { table: "metric_events", columns: ["metric", "phase", "value", "duration_ms"], types: ["text", "text", "float8", "int"] },
  funnel: { table: "funnel_events", columns: ["funnel", "step", "step_index"], types: ["text", "text", "int"] },
} as const;
const commonNames = ["id", "app_id", "occurred_at", "environment", "app_version", "session_id", "app_user_id", "properties"];
const commonTypes = ["uuid", "uuid", "timestamptz", '"EventEnvironment"', "text", "text", "text", "jsonb"];

// The statement of lib/events/insert-events.ts insertItems, table by table (node-pg serialising
// the typed arrays: the ceiling's rows arrive typed, the product's as JSON).
async function insertUnnest(client: pg.PoolClient, projectId: string, kind: Row["kind"], rows: Row[]): Promise<number> {
  const { table, columns, types } = tables[kind];
  const parameters = [...commonTypes, ...types].map((type, index) => `$${index + 2}::${type}[]`).join(", ");
  const result = await client.query(
    `INSERT INTO ${table} (project_id, ${[...commonNames, ...columns].join(", ")}) SELECT $1::uuid, * FROM unnest(${parameters}) ON CONFLICT DO NOTHING`,
    [
      projectId,
      rows.map((row) => row.id),
      rows.map(() => null),
      rows.map((row) => row.occurredAt),
      rows.map((row) => row.environment),
      rows.map((row) => row.appVersion),
      rows.map((row) => row.sessionId),
      rows.map((row) => row.userId),
      rows.map((row) => row.properties),
      ...columns.map((column) => rows.map((row) => row.fields[column] ?? null)),
    ],
  );
  return result.rowCount ?? 0;
}

async function insertCopy(client: pg.PoolClient, projectId: string, kind: Row["kind"], rows: Row[]): Promise<number> {
  const { table, columns } = tables[kind];
  const lines = rows.map((row) =>
    [projectId, row.id, null, row.occurredAt.toISOString(), row.environment, row.appVersion, row.sessionId, row.userId, row.properties, ...columns.map((column) => row.fields[column] ?? null)]
      .map(copyValue)
      .join("\t"),
  );
  return copyFrom(client, `${table} (project_id, ${[...commonNames, ...columns].join(", ")})`, `${lines.join("\n")}\n`);
}

async function storeBare(projectId: string, rows: Row[], insert: typeof insertUnnest): Promise<number> {
  return withTransaction(async (client) => {
    let stored = 0;
    for (const kind of ["event", "metric", "funnel"] as const) {
      const ofKind = rows.filter((row) => row.kind === kind);
      if (ofKind.length > 0) stored += await insert(client, projectId, kind, ofKind);
    }
    return stored;
  });
}

async function postBatch(target: IngestTarget, body: string): Promise<number> {
  const response = await fetch(`${target.baseUrl}/api/v1/ingest/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.key}`, "content-type": "application/json" },
    body,
  });
  const result = (await response.json()) as { stored?: number; rejected?: Array<{ reason: string }>; error?: { message: string } };
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(result).slice(0, 300)}`);
  if (result.rejected?.length) throw new Error(`ingest rejected ${result.rejected.length} items, first: ${result.rejected[0]!.reason}`);
  return result.stored ?? 0;
}

async function storeOne(variant: IngestVariant, target: IngestTarget, body: string, rows: Row[]): Promise<number> {
  if (variant === "api") return postBatch(target, body);
  if (variant === "process") {
    const result = await ingestBatch(target.actor, (JSON.parse(body) as { events: unknown[] }).events);
    if (result.rejected.length > 0) throw new Error(`ingestBatch rejected ${result.rejected.length} items, first: ${result.rejected[0]!.reason}`);
    return result.stored;
  }
  return storeBare(target.actor.projectId, rows, variant === "unnest" ? insertUnnest : insertCopy);
}

/** Stores `batches` with one variant; returns rows per second. Throws unless every item was stored. */
async function runVariant(variant: IngestVariant, target: IngestTarget, batches: IngestItemInput[][], concurrency: number): Promise<number> {
  // What each variant starts from, prepared before the clock starts: the request bodies, or typed rows.
  const bodies = variant === "api" || variant === "process" ? batches.map((batch) => JSON.stringify({ events: batch })) : [];
  const rows = variant === "unnest" || variant === "copy" ? batches.map((batch) => batch.map(toRow)) : [];
  const expected = batches.reduce((sum, batch) => sum + batch.length, 0);
  const indexes = batches.map((_, index) => index);
  let stored = 0;
  const begin = performance.now();
  await inParallel(indexes, concurrency, async (index) => {
    // Awaited first, then added: `stored += await …` would add to a value read before the wait.
    const storedNow = await storeOne(variant, target, bodies[index] ?? "", rows[index] ?? []);
    stored += storedNow;
  });
  const seconds = (performance.now() - begin) / 1000;
  if (stored !== expected) throw new Error(`${variant}: stored ${stored} of ${expected} events`);
  return expected / seconds;
}

export async function benchIngest(target: IngestTarget, options: IngestOptions): Promise<IngestRates> {
  const { batches, batchSize, concurrency, repetitions, log } = options;
  // The partitions the batches' months need, so no variant pays for creating one.
  const now = new Date();
  await ensurePartitions(monthsOf([new Date(now.getTime() - 3_600_000), now]));
  await getPool().query("ANALYZE events, metric_events, funnel_events");

  // A warm-up round: the web server's route and connections, this process's pool and JIT.
  for (const variant of ingestVariants) await runVariant(variant, target, makeBatches(2 * concurrency, batchSize, 1), concurrency);

  const rates: IngestRates = { api: [], process: [], unnest: [], copy: [] };
  for (let repetition = 1; repetition <= repetitions; repetition += 1) {
    for (const variant of ingestVariants) {
      const rate = await runVariant(variant, target, makeBatches(batches, batchSize, 1000 + repetition), concurrency);
      rates[variant].push(rate);
      log(`  ingest ${repetition}/${repetitions} ${variant.padEnd(7)} ${Math.round(rate).toLocaleString("en-US")} events/s`);
    }
  }
  return rates;
}
