// What an app sends to POST /api/v1/ingest/events (PRODUCT.md "REST API v1"): a batch of up to
// 1,000 items of three kinds. Each item is checked on its own, so one bad item is listed with its
// reason while the rest are stored. Pure code: the OpenAPI document and the demo generator use it.
import { z } from "zod";

export const MAX_BATCH_ITEMS = 1000;
// A batch of 1,000 error events with stacks fits; a runaway client does not.
export const MAX_INGEST_BODY_BYTES = 5 * 1024 * 1024;
/** How far ahead of the server's clock an event may be (device clocks drift). */
export const MAX_FUTURE_MS = 24 * 3600_000;
export const MAX_PROPERTIES_BYTES = 8 * 1024;
export const MAX_PROPERTIES_KEYS = 50;
export const MAX_PROPERTY_NAME_LENGTH = 100;
export const MAX_DURATION_MS = 2_147_483_647;
export const MAX_STEP_INDEX = 1000;
/** Each text field's longest value in characters; fast-check.ts reads the same numbers. */
export const textLimits = {
  appVersion: 50,
  sessionId: 200,
  userId: 200,
  name: 200,
  message: 10_000,
  errorType: 200,
  errorStack: 50_000,
  errorFingerprint: 200,
  metric: 100,
  funnel: 100,
  step: 100,
} as const;
export const eventEnvironments = ["production", "development"] as const;
export const eventLevels = ["debug", "info", "warn", "error"] as const;
export const metricPhases = ["start", "complete", "fail", "cancel", "record"] as const;

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be a string` })
    .max(max, `${name} must be at most ${max} characters`)
    // PostgreSQL cannot store NUL characters in text.
    .transform((value) => value.replaceAll("\u0000", ""));
const label = (name: string, max: number) => text(name, max).pipe(z.string().min(1, `${name} must not be empty`));

const properties = z
  .record(z.string().max(MAX_PROPERTY_NAME_LENGTH, `property names must be at most ${MAX_PROPERTY_NAME_LENGTH} characters`), z.unknown(), { error: "properties must be an object" })
  // One serialisation for all three rules. The values need no schema of their own: the body came
  // from JSON.parse, and the insert stores JSON.stringify's output, so every value is JSON.
  .superRefine((value, ctx) => {
    if (Object.keys(value).length > MAX_PROPERTIES_KEYS) return ctx.addIssue({ code: "custom", message: `properties may have at most ${MAX_PROPERTIES_KEYS} keys` });
    const json = JSON.stringify(value);
    // NUL characters cannot be stored in jsonb either.
    if (json.includes("\\u0000")) return ctx.addIssue({ code: "custom", message: "properties must not contain NUL characters" });
    if (json.length > MAX_PROPERTIES_BYTES) ctx.addIssue({ code: "custom", message: `properties must be at most ${MAX_PROPERTIES_BYTES} bytes as JSON` });
  });

const common = {
  // A client-chosen id makes resending a batch harmless: an id already stored is counted as a duplicate.
  id: z.uuid({ error: "id must be a UUID" }).optional(),
  appId: z.uuid({ error: "appId must be a UUID" }).optional(),
  timestamp: z.iso.datetime({ offset: true, error: "timestamp must be an ISO 8601 date-time, such as 2026-12-01T10:00:00Z" }).transform((value) => new Date(value)),
  environment: z.enum(eventEnvironments, { error: "environment must be production or development" }).default("production"),
  appVersion: text("appVersion", textLimits.appVersion).optional(),
  sessionId: text("sessionId", textLimits.sessionId).optional(),
  userId: text("userId", textLimits.userId).optional(),
  properties: properties.default({}),
};

export const eventItemSchema = z.strictObject({
  kind: z.literal("event"),
  ...common,
  name: label("name", textLimits.name),
  level: z.enum(eventLevels, { error: "level must be debug, info, warn or error" }).default("info"),
  message: text("message", textLimits.message).optional(),
  error: z
    .strictObject({
      type: label("error.type", textLimits.errorType),
      stack: text("error.stack", textLimits.errorStack).optional(),
      fingerprint: label("error.fingerprint", textLimits.errorFingerprint).optional(),
    })
    .optional(),
});

export const metricItemSchema = z.strictObject({
  kind: z.literal("metric"),
  ...common,
  metric: label("metric", textLimits.metric),
  phase: z.enum(metricPhases, { error: "phase must be start, complete, fail, cancel or record" }).default("record"),
  value: z.number({ error: "value must be a number" }).refine(Number.isFinite, "value must be finite").optional(),
  durationMs: z.number({ error: "durationMs must be a number" }).int("durationMs must be a whole number").min(0, "durationMs must not be negative").max(MAX_DURATION_MS, "durationMs is too large").optional(),
});

export const funnelItemSchema = z.strictObject({
  kind: z.literal("funnel"),
  ...common,
  funnel: label("funnel", textLimits.funnel),
  step: label("step", textLimits.step),
  stepIndex: z.number({ error: "stepIndex must be a number" }).int("stepIndex must be a whole number").min(0, "stepIndex must not be negative").max(MAX_STEP_INDEX, `stepIndex must be at most ${MAX_STEP_INDEX}`).optional(),
});

export const ingestItemSchema = z.discriminatedUnion("kind", [eventItemSchema, metricItemSchema, funnelItemSchema], {
  error: "kind must be event, metric or funnel",
});

export type IngestItem = z.output<typeof ingestItemSchema>;
export type IngestItemInput = z.input<typeof ingestItemSchema>;

/** The batch's envelope; its items are checked one by one afterwards. */
export const ingestBatchSchema = z.strictObject({
  events: z
    .array(z.unknown(), { error: "events must be an array of events" })
    .min(1, "events must hold at least one event")
    .max(MAX_BATCH_ITEMS, `events may hold at most ${MAX_BATCH_ITEMS} events; split the batch`),
});

/** The documented request body: the envelope with its items' shapes (each item is checked on its own). */
// `properties` is any JSON (z.json() is recursive, which JSON Schema can only say with $defs the
// OpenAPI document would have to carry); documented as an object of values.
const documentedProperties = { properties: z.record(z.string(), z.unknown()).optional().describe("Up to 50 keys, 8 KB as JSON") };
export const ingestBatchDocumentSchema = z.strictObject({
  events: z
    .array(z.discriminatedUnion("kind", [eventItemSchema.extend(documentedProperties), metricItemSchema.extend(documentedProperties), funnelItemSchema.extend(documentedProperties)]))
    .min(1)
    .max(MAX_BATCH_ITEMS),
});

export const ingestResultSchema = z.object({
  stored: z.number().int().describe("Items written now"),
  duplicates: z.number().int().describe("Valid items whose id was already stored (a resent batch)"),
  rejected: z.array(z.object({ index: z.number().int().describe("The item's position in `events`"), reason: z.string() })).describe("Items not stored, each with why"),
});

export type IngestResult = z.infer<typeof ingestResultSchema>;
export type RejectedItem = IngestResult["rejected"][number];

export const attachmentSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().describe("Hex SHA-256 of the bytes stored"),
  createdAt: z.string().describe("ISO timestamp"),
});
