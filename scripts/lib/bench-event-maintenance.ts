// The event store's maintenance for the bench's events section, with the product's own functions:
//   retention of one expired month of N events, by partition drop (applyRetention when every
//   project's policy has expired the month) against by batched DELETE (applyRetention's row path,
//   when one project keeps events for ten years and so no partition may go), on two identical months;
//   partition_creation (months ahead for the three tables, on tables holding millions of rows);
//   db_pruning (pruneToLimit with a limit just below the database's size).
// The months are filled server-side (INSERT … SELECT generate_series) and then vacuumed, as an
// old month would be; autovacuum is off on them so it never runs in the middle of a measurement.
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { getPool } from "@/lib/db/pool";
import { forgetKnownPartitions } from "@/lib/events/ingest";
import { ensurePartitions, listPartitions, monthsAhead } from "@/lib/events/partitions";
import { databaseSize, pruneToLimit } from "@/lib/events/pruning";
import { applyRetention, defaultRetentionDays } from "@/lib/events/retention";
import { addMonths, eventTables, monthStart, partitionName } from "@/lib/events/tables";
import { errorStack } from "./bench-ingest-batches";

const DAY_MS = 86_400_000;

export interface MaintenanceOptions {
  /** Rows in each retention month. */
  events: number;
  /** Rows in the month db_pruning drops. */
  pruneEvents: number;
  /** applyRetention's batch size for the row path. */
  deleteBatch: number;
  /** partition_creation's months ahead of this one. */
  monthsAhead: number;
  /** The project whose events fill the months, and one whose policy can keep every month. */
  projectId: string;
  keeperProjectId: string;
  log: (line: string) => void;
}

export interface MaintenanceResult {
  fillSeconds: number;
  monthBytes: number;
  drop: { seconds: number; dropSeconds: number; partition: string; projects: number; fileRemovalSeconds: number };
  delete: { seconds: number; rows: number; partition: string; vacuumSeconds: number; bytesAfterVacuum: number };
  creation: { seconds: number; created: number; tables: number; months: number; againSeconds: number };
  pruning: { seconds: number; dropped: string[]; rows: number; sizeBefore: number; sizeAfter: number; limit: number };
}

const seconds = (since: number) => (performance.now() - since) / 1000;

// One row per step of the series, spread evenly over the month, shaped like what ingest stores:
// eight event names, 5% errors with a stack and one of 40 fingerprints, properties of four keys.
const fillSql = `
  INSERT INTO events (id, project_id, occurred_at, received_at, name, level, message, environment, app_version,
                      session_id, app_user_id, properties, error_type, error_stack, fingerprint)
  SELECT gen_random_uuid(), $1::uuid, at, at + interval '2 seconds',
         (ARRAY['screen_view','button_tap','app_open','purchase_started','login','search','settings_changed','share'])[1 + i % 8],
         (CASE WHEN i % 20 = 0 THEN 'error' WHEN i % 10 = 1 THEN 'debug' ELSE 'info' END)::"EventLevel",
         CASE WHEN i % 20 = 0 THEN 'Request failed with status 500' WHEN i % 3 = 0 THEN 'Opened screen ' || (i % 6) END,
         'production', '2.' || (i % 5) || '.0', 'session-' || (i / 40), 'user-' || (i % 50000),
         jsonb_build_object('screen', (ARRAY['Home','Settings','Paywall','Search'])[1 + i % 4], 'platform', 'ios', 'locale', 'en-US', 'build', 1000 + i % 300),
         CASE WHEN i % 20 = 0 THEN 'NetworkError' END,
         CASE WHEN i % 20 = 0 THEN $5::text END,
         CASE WHEN i % 20 = 0 THEN md5('network-' || (i % 40)) END
    FROM generate_series(0, $2::int - 1) AS i,
         LATERAL (SELECT $3::timestamptz + make_interval(secs => i * $4::float8) AS at) AS spread`;

async function fillMonth(projectId: string, month: Date, rows: number): Promise<void> {
  await ensurePartitions([month], ["events"]);
  const name = partitionName("events", month);
  await getPool().query(`ALTER TABLE "${name}" SET (autovacuum_enabled = false)`);
  const secondsPerRow = (addMonths(month, 1).getTime() - month.getTime()) / 1000 / rows;
  await getPool().query(fillSql, [projectId, rows, month, secondsPerRow, errorStack]);
  await getPool().query(`VACUUM (ANALYZE) "${name}"`);
}

async function partitionBytes(name: string): Promise<number> {
  return (await listPartitions()).find((partition) => partition.name === name)?.bytes ?? 0;
}

// What removing that many bytes costs the filesystem itself: a DROP TABLE is a catalog change, but
// its COMMIT unlinks the partition's files, which on a filesystem mounted with `discard` (these
// machines' ext4) takes time in proportion to their size. Measured in the temporary directory,
// where the embedded server keeps its data.
function fileRemovalSeconds(bytes: number): number {
  const file = path.join(os.tmpdir(), `taskdeck-bench-${process.pid}.bin`);
  const chunk = Buffer.alloc(8 * 1024 * 1024, 1);
  const descriptor = openSync(file, "w");
  try {
    for (let written = 0; written < bytes; written += chunk.length) writeSync(descriptor, chunk);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  const begin = performance.now();
  unlinkSync(file);
  return seconds(begin);
}

// Written pages reach disk before each measurement rather than during it (needs a superuser; skipped otherwise).
async function checkpoint(): Promise<void> {
  await getPool().query("CHECKPOINT").catch(() => undefined);
}

export async function benchMaintenance(options: MaintenanceOptions): Promise<MaintenanceResult> {
  const { events, pruneEvents, deleteBatch, projectId, keeperProjectId, log } = options;
  const thisMonth = monthStart(new Date());
  // Two identical old months: the older goes by partition drop, the newer by DELETE.
  const [dropMonth, deleteMonth, afterDelete] = [-4, -3, -2].map((offset) => addMonths(thisMonth, offset)) as [Date, Date, Date];
  const days = defaultRetentionDays("events");
  const dropName = partitionName("events", dropMonth);
  const deleteName = partitionName("events", deleteMonth);

  log(`filling ${dropName} and ${deleteName} with ${events.toLocaleString("en-US")} events each…`);
  let begin = performance.now();
  await Promise.all([fillMonth(projectId, dropMonth, events), fillMonth(projectId, deleteMonth, events)]);
  const fillSeconds = seconds(begin);
  const monthBytes = await partitionBytes(dropName);

  // partition_creation, as its job does it (table by table), on tables that hold millions of rows.
  log(`partition_creation: ${options.monthsAhead} months ahead…`);
  const months = monthsAhead(new Date(), options.monthsAhead);
  await checkpoint();
  begin = performance.now();
  let created = 0;
  for (const table of eventTables) created += (await ensurePartitions(months, [table])).length;
  const creationSeconds = seconds(begin);
  begin = performance.now();
  for (const table of eventTables) await ensurePartitions(months, [table]);
  const againSeconds = seconds(begin);

  // Partition drop: "now" is where the default policy's cutoff is the first instant of the newer
  // month, so every project's policy has expired the older month and nothing else.
  log(`retention by partition drop (${dropName})…`);
  await checkpoint();
  const dropBegin = performance.now();
  let droppedAt = dropBegin;
  const dropped = await applyRetention({
    now: new Date(deleteMonth.getTime() + days * DAY_MS),
    batchSize: deleteBatch,
    onProgress: (progress) => {
      if (progress.message.startsWith("Dropped")) droppedAt = performance.now();
    },
  });
  const dropSeconds = seconds(dropBegin);
  forgetKnownPartitions();
  const removalSeconds = fileRemovalSeconds(monthBytes);
  const deletedByDrop = dropped.deleted.events + dropped.deleted.metric_events + dropped.deleted.funnel_events;
  if (dropped.droppedPartitions.join() !== dropName || deletedByDrop !== 0) {
    throw new Error(`retention by drop: expected to drop ${dropName} alone, dropped [${dropped.droppedPartitions.join(", ")}] and deleted ${deletedByDrop} rows`);
  }

  // Batched DELETE: a project that keeps events for ten years means no partition may go, so the
  // expired project's rows of the newer month go through the row path, `deleteBatch` at a time.
  log(`retention by batched DELETE (${deleteName}, batches of ${deleteBatch.toLocaleString("en-US")}; this takes a while)…`);
  await getPool().query("UPDATE projects SET events_retention_days = 3650 WHERE id = $1", [keeperProjectId]);
  await checkpoint();
  begin = performance.now();
  const deleted = await applyRetention({ now: new Date(afterDelete.getTime() + days * DAY_MS), batchSize: deleteBatch });
  const deleteSeconds = seconds(begin);
  await getPool().query("UPDATE projects SET events_retention_days = NULL WHERE id = $1", [keeperProjectId]);
  if (deleted.droppedPartitions.length > 0 || deleted.deleted.events !== events) {
    throw new Error(`retention by DELETE: expected ${events} rows deleted and no drop, got ${deleted.deleted.events} rows and [${deleted.droppedPartitions.join(", ")}]`);
  }
  // What the DELETE path leaves behind: dead rows that a VACUUM has to clear.
  begin = performance.now();
  await getPool().query(`VACUUM "${deleteName}"`);
  const vacuumSeconds = seconds(begin);
  const bytesAfterVacuum = await partitionBytes(deleteName);

  // db_pruning: an older month still holding its rows, and a limit just below the database's size.
  const pruneMonth = addMonths(thisMonth, -6);
  log(`db_pruning: filling ${partitionName("events", pruneMonth)} with ${pruneEvents.toLocaleString("en-US")} events…`);
  await fillMonth(projectId, pruneMonth, pruneEvents);
  await checkpoint();
  const limit = (await databaseSize()) - 1024 * 1024;
  begin = performance.now();
  const pruned = await pruneToLimit({ now: new Date(), limitBytes: limit });
  const pruneSeconds = seconds(begin);
  forgetKnownPartitions();
  if (pruned.stillOver || pruned.droppedPartitions.length === 0) throw new Error(`db_pruning did not get under the limit: ${JSON.stringify(pruned)}`);

  return {
    fillSeconds,
    monthBytes,
    drop: { seconds: dropSeconds, dropSeconds: (droppedAt - dropBegin) / 1000, partition: dropName, projects: dropped.projects, fileRemovalSeconds: removalSeconds },
    delete: { seconds: deleteSeconds, rows: deleted.deleted.events, partition: deleteName, vacuumSeconds, bytesAfterVacuum },
    creation: { seconds: creationSeconds, created, tables: eventTables.length, months: months.length, againSeconds },
    pruning: { seconds: pruneSeconds, dropped: pruned.droppedPartitions, rows: pruneEvents, sizeBefore: pruned.sizeBeforeBytes, sizeAfter: pruned.sizeAfterBytes, limit },
  };
}
