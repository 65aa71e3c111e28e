// The events section of `npm run bench` (issue 11, scope 5): ingest throughput through the HTTP
// API against the bare insert ceilings, retention of an expired month by partition drop against
// batched DELETE, and the partition_creation and db_pruning durations, on the bench's database.
// Imported by scripts/bench.ts once DATABASE_URL points at that database.
import { prisma } from "@/lib/db/prisma";
import { authenticateIngestKey, createIngestKey } from "@/lib/events/ingest-keys";
import { benchIngest, type IngestRates } from "./bench-ingest";
import { benchMaintenance, type MaintenanceResult } from "./bench-event-maintenance";
import { startWeb } from "./bench-web";

export interface EventsOptions {
  databaseUrl: string;
  /** Rows in each retention month (--events). */
  events: number;
  pruneEvents: number;
  ingestBatches: number;
  ingestRepetitions: number;
  concurrency: number;
  deleteBatch: number;
  monthsAhead: number;
}

export interface EventsResult {
  options: EventsOptions;
  batchSize: number;
  ingest: IngestRates;
  maintenance: MaintenanceResult;
}

// High enough that the limit never answers 429 during the bench: each request carries 1,000 events.
const INGEST_RATE_LIMIT = "1000000";

export async function benchEvents(options: EventsOptions): Promise<EventsResult> {
  const batchSize = 1000;
  const team = await prisma.team.create({ data: { name: "Bench events", slug: "bench-events" } });
  const project = (slug: string, name: string) => prisma.project.create({ data: { teamId: team.id, name, slug } });
  const ingestProject = await project("events-ingest", "Events ingest");
  const retentionProject = await project("events-retention", "Events retention");
  const keeperProject = await project("events-keeper", "Events keeper");
  const { key } = await createIngestKey(ingestProject.id, null, { name: "Bench" });
  const actor = await authenticateIngestKey(key);
  if (!actor) throw new Error("the bench's ingest key does not authenticate");

  console.log(`ingest: ${options.ingestRepetitions} × ${options.ingestBatches} batches of ${batchSize} per variant, ${options.concurrency} concurrent…`);
  const web = await startWeb(options.databaseUrl, { INGEST_RATE_LIMIT_PER_MINUTE: INGEST_RATE_LIMIT });
  let ingest: IngestRates;
  try {
    ingest = await benchIngest(
      { baseUrl: web.baseUrl, key, actor },
      { batches: options.ingestBatches, batchSize, concurrency: options.concurrency, repetitions: options.ingestRepetitions, log: console.log },
    );
  } finally {
    await web.stop();
  }

  const maintenance = await benchMaintenance({
    events: options.events,
    pruneEvents: options.pruneEvents,
    deleteBatch: options.deleteBatch,
    monthsAhead: options.monthsAhead,
    projectId: retentionProject.id,
    keeperProjectId: keeperProject.id,
    log: console.log,
  });
  return { options, batchSize, ingest, maintenance };
}
