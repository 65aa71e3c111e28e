// The events section's table and its part of docs/benchmarks.md.
import { formatBytes } from "@/lib/events/pruning";
import type { EventsResult } from "./bench-events";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const count = (value: number) => Math.round(value).toLocaleString("en-US");
const rate = (values: number[], unit: string) =>
  values.length > 1 ? `${count(median(values))} ${unit} (${count(Math.min(...values))}–${count(Math.max(...values))})` : `${count(values[0] ?? 0)} ${unit}`;
const secs = (value: number) => (value < 10 ? `${value.toFixed(3)} s` : `${value.toFixed(1)} s`);
const ratio = (ours: number, base: number) => `${(ours / base).toFixed(ours / base < 0.01 ? 5 : 2)}×`;
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

export interface EventsVerdicts {
  apiRate: number;
  ceilingRate: number;
  ingestMet: boolean;
  retentionMet: boolean;
}

export function eventsVerdicts(result: EventsResult): EventsVerdicts {
  const apiRate = median(result.ingest.api);
  const ceilingRate = Math.max(median(result.ingest.unnest), median(result.ingest.copy));
  return { apiRate, ceilingRate, ingestMet: apiRate >= 20_000 && apiRate >= 0.5 * ceilingRate, retentionMet: result.maintenance.drop.seconds < 1 };
}

export function eventsTable(result: EventsResult): string {
  const { options, ingest, maintenance: m, batchSize } = result;
  const { apiRate, ingestMet, retentionMet } = eventsVerdicts(result);
  const [unnest, copy, inProcess] = [median(ingest.unnest), median(ingest.copy), median(ingest.process)];
  const runs = `${options.concurrency} concurrent, median of ${options.ingestRepetitions} × ${count(options.ingestBatches * batchSize)} events`;
  const deleteRate = m.delete.rows / m.delete.seconds;
  return [
    "| Measure | Taskdeck | Baseline | Ratio | Target |",
    "| --- | --- | --- | --- | --- |",
    `| Ingest through the HTTP API (POST /api/v1/ingest/events, batches of ${count(batchSize)}, ${runs}) | ${rate(ingest.api, "events/s")} | ${rate(ingest.unnest, "rows/s")}: the product's multi-row unnest INSERT, bare | ${ratio(apiRate, unnest)} | ≥ 20,000 events/s and ≥ 0.5× the faster ceiling: ${verdict(ingestMet)} |`,
    `| Ingest through the HTTP API against the bare COPY ceiling | ${rate(ingest.api, "events/s")} | ${rate(ingest.copy, "rows/s")}: COPY … FROM STDIN, same rows | ${ratio(apiRate, copy)} | |`,
    `| Ingest in process (ingestBatch: JSON.parse, the checks per item, the insert; no HTTP, key or rate limit) | ${rate(ingest.process, "events/s")} | ${rate(ingest.unnest, "rows/s")} (unnest) | ${ratio(inProcess, unnest)} | |`,
    `| Retention of one expired month of ${count(options.events)} events (${formatBytes(m.monthBytes)}): partition drop (applyRetention) vs batched DELETE (applyRetention's row path, ${count(options.deleteBatch)} a batch) | ${secs(m.drop.seconds)} (partition gone after ${secs(m.drop.dropSeconds)}; the rest checks ${count(m.drop.projects)} projects' rows) | ${secs(m.delete.seconds)} (${count(deleteRate)} rows/s), then ${secs(m.delete.vacuumSeconds)} of VACUUM | ${ratio(m.drop.seconds, m.delete.seconds)} | < 1 s by partition drop: ${verdict(retentionMet)} |`,
    `| For reference: unlinking one file of the partition's size in the same filesystem (what the drop's COMMIT does to its files) | n/a | ${secs(m.drop.fileRemovalSeconds)} | n/a | |`,
    `| partition_creation: ${m.creation.months} months × ${m.creation.tables} tables (${m.creation.created} created) on tables holding millions of rows | ${secs(m.creation.seconds)} | n/a | n/a | |`,
    `| partition_creation again, every partition present (the daily run) | ${secs(m.creation.againSeconds)} | n/a | n/a | |`,
    `| db_pruning: limit 1 MB under the database's ${formatBytes(m.pruning.sizeBefore)}, dropped ${m.pruning.dropped.join(", ")} (${count(m.pruning.rows)} events) | ${secs(m.pruning.seconds)} | n/a | n/a | |`,
  ].join("\n");
}

/** The events part of docs/benchmarks.md, from its `## Events` heading. */
export function eventsMarkdown(result: EventsResult, machine: string): string {
  const { options, maintenance: m } = result;
  return [
    "## Events",
    "",
    "Produced by `npm run bench -- --write` (alone: `npm run bench -- --only events --write`): the event",
    "store of issue 11, on the bench's throwaway database (the engine section's when both run). Ingest:",
    "the same batches of mixed items (75% events, 5% error events with a 1.6 KB stack, 12%",
    "metrics, 8% funnel steps) stored four ways, repetitions interleaved (API, in process, unnest, COPY,",
    "API, …); rates are medians with the range in brackets. Retention: two identical months filled",
    "server-side, one removed each way.",
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.`,
    "These machines are shared and noisy; compare the ratios, not the absolute numbers.",
    "",
    eventsTable(result),
    "",
    "### Reading the numbers",
    "",
    "- An API request makes five statements besides the ceiling's `BEGIN`, INSERT per table and `COMMIT`:",
    "  the ingest key's lookup (which touches `last_used_at` at most once a minute), the rate limit's",
    "  upsert, the project's retention policy and apps, and the transaction's `SET LOCAL` timeouts. Its",
    "  JSON parsing, checks of 1,000 items (a plain-JavaScript fast path; zod only for what it cannot",
    "  decide, decision 014) and error events' issue fingerprints run on the web server's one",
    "  JavaScript thread, beside PostgreSQL on a 2-core machine.",
    "- The ceilings insert rows already typed, fingerprints included: no parsing, validation or HTTP.",
    "  COPY skips the SQL parameters and `ON CONFLICT`; the product needs the latter so a resent batch",
    "  stores nothing twice.",
    "- Dropping a partition is a catalog change of a few milliseconds, but its COMMIT unlinks the",
    "  partition's files, and on these machines' ext4 (mounted with `discard`) that costs about what",
    "  unlinking one file of the same size costs (the reference row): it grows with the month's size.",
    "  The rest of applyRetention's pass checks every project and table with one indexed statement each.",
    `- The DELETE writes every row's removal to the WAL and leaves ${count(options.events)} dead rows for VACUUM.`,
    "- The months are vacuumed after their fill, as an old month would be, and autovacuum is off on them",
    "  so it never runs during a measurement; a CHECKPOINT precedes each timed step.",
    `- db_pruning measures the size, lists the partitions and drops the oldest until under the limit; here`,
    `  one drop (${m.pruning.dropped.join(", ")}) took it from ${formatBytes(m.pruning.sizeBefore)} to ${formatBytes(m.pruning.sizeAfter)}.`,
    "",
  ].join("\n");
}
