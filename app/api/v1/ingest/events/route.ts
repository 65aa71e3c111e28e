// POST /api/v1/ingest/events — a batch of up to 1,000 events → 202 { stored, duplicates, rejected }
import { NextResponse } from "next/server";
import { ingestPreflight, ingestRoute } from "@/lib/api/ingest-route";
import { readJson } from "@/lib/api/route";
import { ingestBatch } from "@/lib/events/ingest";
import { ingestBatchSchema, MAX_INGEST_BODY_BYTES } from "@/lib/events/schemas";

export const POST = ingestRoute(async ({ request, actor }) => {
  const batch = await readJson(request, ingestBatchSchema, MAX_INGEST_BODY_BYTES);
  return NextResponse.json(await ingestBatch(actor, batch.events), { status: 202 });
});

export const OPTIONS = ingestPreflight;
