// Sends demo traffic the way an app does: POST /api/v1/ingest/events in batches of at most 1,000
// with the ingest key, then each attachment to POST /api/v1/ingest/attachments once its event is
// stored. Any rejected item fails the send, with the reasons: the generator's output must all be
// valid.
import { MAX_BATCH_ITEMS, type IngestResult } from "@/lib/events/schemas";
import type { DemoTraffic } from "./generate";

// A few requests in flight keep the server busy without one waiting on another's partition lock.
const CONCURRENCY = 3;

export interface SendOptions {
  baseUrl: string;
  ingestKey: string;
  traffic: DemoTraffic;
  batchSize?: number;
}

export interface SendSummary {
  batches: number;
  stored: number;
  duplicates: number;
  attachments: number;
  elapsedMs: number;
}

type Items = DemoTraffic["items"];

export async function sendDemoTraffic({ baseUrl, ingestKey, traffic, batchSize = MAX_BATCH_ITEMS }: SendOptions): Promise<SendSummary> {
  const started = performance.now();
  const authorization = `Bearer ${ingestKey}`;
  const batches: Items[] = [];
  for (let first = 0; first < traffic.items.length; first += batchSize) batches.push(traffic.items.slice(first, first + batchSize));

  const results: IngestResult[] = [];
  let next = 0;
  let failed = false;
  const sendNext = async (): Promise<void> => {
    while (next < batches.length && !failed) {
      const index = next++;
      try {
        results[index] = await sendBatch(baseUrl, authorization, batches[index]!, index);
      } catch (error) {
        // The other senders stop too: the first failure is the answer.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches.length) }, sendNext));

  // A batch that was all duplicates was sent before, its attachments with it.
  const resent = new Set(batches.flatMap((batch, index) => (results[index]!.stored === 0 ? batch.map((item) => item.id) : [])));
  let attachments = 0;
  for (const attachment of traffic.attachments) {
    if (resent.has(attachment.eventId)) continue;
    const form = new FormData();
    form.set("eventId", attachment.eventId);
    form.set("file", new Blob([attachment.content], { type: attachment.contentType }), attachment.fileName);
    const response = await fetch(new URL("/api/v1/ingest/attachments", baseUrl), { method: "POST", headers: { authorization }, body: form });
    if (response.status !== 201) throw new Error(`POST /api/v1/ingest/attachments answered ${response.status}: ${await errorOf(response)}`);
    attachments += 1;
  }

  return {
    batches: batches.length,
    stored: results.reduce((sum, result) => sum + result.stored, 0),
    duplicates: results.reduce((sum, result) => sum + result.duplicates, 0),
    attachments,
    elapsedMs: Math.round(performance.now() - started),
  };
}

async function sendBatch(baseUrl: string, authorization: string, items: Items, index: number): Promise<IngestResult> {
  const response = await fetch(new URL("/api/v1/ingest/events", baseUrl), {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify({ events: items }),
  });
  if (response.status !== 202) throw new Error(`POST /api/v1/ingest/events answered ${response.status}: ${await errorOf(response)}`);
  const result = (await response.json()) as IngestResult;
  if (result.rejected.length > 0) throw new Error(`the server rejected ${result.rejected.length} of the ${items.length} demo events of batch ${index + 1}: ${reasonsOf(result)}`);
  return result;
}

// "timestamp is older than … (items 0, 3, 4, 5, 6…); …": each distinct reason once, with where it applied.
function reasonsOf(result: IngestResult): string {
  const byReason = new Map<string, number[]>();
  for (const { index, reason } of result.rejected) byReason.set(reason, [...(byReason.get(reason) ?? []), index]);
  return [...byReason]
    .slice(0, 3)
    .map(([reason, indexes]) => `${reason} (item${indexes.length > 1 ? "s" : ""} ${indexes.slice(0, 5).join(", ")}${indexes.length > 5 ? "…" : ""})`)
    .join("; ");
}

async function errorOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
  } catch {
    return text.slice(0, 500);
  }
}
