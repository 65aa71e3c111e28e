// Schemas of the jobs API, requests and responses, shared by route handlers, the dashboard, the
// CLI and the OpenAPI document (lib/api/openapi.ts), so the documentation cannot drift from what
// is validated and returned.
import { z } from "zod";
import { withoutPrototypeKeys } from "@/lib/validation";

export const runStatuses = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const triggerKinds = ["user", "api_key", "schedule", "retry", "admin_cli"] as const;

/** The trigger body's fields (the MCP trigger tool's input, beside the project). */
export const triggerBodyFields = z
  .object({
    type: z.string({ error: "type is required" }).min(1, "type is required").max(100, "type must be at most 100 characters").describe("A job type of the project"),
    params: z
      .record(z.string(), z.unknown(), { error: "params must be an object" })
      .optional()
      .describe("The job type's parameters; see paramsSchema in GET …/job-types"),
    notify: z.boolean({ error: "notify must be true or false" }).optional().describe("Email the caller (for an API key: its creator) when the run ends"),
  })
  .strict();

// Prototype keys are refused wherever they are (withoutPrototypeKeys), unknown keys by .strict().
export const triggerBodySchema = withoutPrototypeKeys(triggerBodyFields);

export type TriggerBody = z.infer<typeof triggerBodySchema>;

/** A retry's body (POST …/runs/:runId/retry): empty for the same params, or the changed params ("Retry with changes"). */
export const retryBodyFields = z
  .object({
    params: z
      .record(z.string(), z.unknown(), { error: "params must be an object" })
      .optional()
      .describe("The new run's params instead of the failed run's, checked like a trigger's; omit to retry with the same params"),
  })
  .strict();

export const retryBodySchema = withoutPrototypeKeys(retryBodyFields);

/** A seed route's body (…/ratings/sync, …/integrations/app-store-connect/sync): the type is the route's. */
export const seedTriggerBodyFields = z
  .object({
    notify: z.boolean({ error: "notify must be true or false" }).optional().describe("Email the caller (for an API key: its creator) when the run ends"),
  })
  .strict();

export const seedTriggerBodySchema = withoutPrototypeKeys(seedTriggerBodyFields);

export type SeedTriggerBody = z.infer<typeof seedTriggerBodySchema>;

/** A moment PostgreSQL can store and people mean: years 1970 to 9999 (year 0 is a 500 otherwise). */
export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1970 && year <= 9999;
}

const moment = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO date-time, e.g. 2026-11-24T00:00:00Z` })
    .refine((value) => isStorableDate(new Date(value)), `${name} must be between the years 1970 and 9999`);

export const listRunsQuerySchema = z
  .object({
    status: z.enum(runStatuses, { error: `status must be one of ${runStatuses.join(", ")}` }).optional(),
    type: z.string().min(1, "type must not be empty").max(100, "type must be at most 100 characters").optional(),
    limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(25),
    cursor: z.string().max(200, "cursor is not a cursor from a previous page").optional().describe("nextCursor of the previous page"),
    from: moment("from").optional().describe("Only runs created at or after this moment"),
    to: moment("to").optional().describe("Only runs created before this moment"),
    trigger: z.enum(triggerKinds, { error: `trigger must be one of ${triggerKinds.join(", ")}` }).optional().describe("Only runs triggered this way"),
    param: z
      .string()
      .max(300, "param must be at most 300 characters")
      .regex(/^[A-Za-z_][\w.-]{0,99}=/, "param must be key=value, e.g. reviewId=123")
      .optional()
      .describe("Only runs whose params have this value: key=value (the value as text: reviewId=123 finds 123 and \"123\")"),
    id: z
      .string()
      .transform((value) => value.replaceAll("-", "").toLowerCase())
      .pipe(z.string().regex(/^[0-9a-f]{4,32}$/, "id must be a run id or its first 4 or more hex digits"))
      .optional()
      .describe("Only runs whose id starts with this: a whole id or its first 4 or more hex digits (dashes optional)"),
  })
  .strict();

export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

export const runLogsQuerySchema = z
  .object({
    after: z
      .string()
      .regex(/^\d{1,18}$/, "after must be the nextCursor of a previous page")
      .optional()
      .describe("nextCursor of the previous page: only lines written after it"),
    limit: z.coerce.number().int().min(1, "limit must be at least 1").max(500, "limit must be at most 500").default(200),
  })
  .strict();

// A project's interval for a type with per-project schedules (PUT …/schedules); null turns it off.
export const putScheduleBodySchema = z
  .object({
    type: z.string({ error: "type is required" }).min(1, "type is required").max(100, "type must be at most 100 characters").describe("A job type of the project with a per-project interval"),
    intervalMinutes: z
      .union([z.literal(5), z.literal(15), z.literal(30), z.null()], { error: "intervalMinutes must be 5, 15, 30 or null (off)" })
      .describe("Every 5, 15 or 30 minutes; null turns the project's schedule off"),
  })
  .strict();

export type PutScheduleBody = z.infer<typeof putScheduleBodySchema>;


const isoTimestamp = z.iso.datetime({ offset: true });

export const progressSchema = z.object({
  processed: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  percent: z.number().int().min(0).max(100).nullable().describe("Derived from processed and total; null while the total is unknown"),
});


export const apiRunSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    projectId: z.uuid().nullable(),
    status: z.enum(runStatuses),
    progress: progressSchema,
    result: z.unknown().describe("What the handler returned, as JSON"),
    error: z.object({ message: z.string() }).nullable(),
    params: z.unknown(),
    notify: z.boolean(),
    trigger: z.object({ kind: z.enum(triggerKinds), label: z.string().describe("Who or what, in words") }),
    retryOfId: z.uuid().nullable().describe("The run this one retries"),
    createdAt: isoTimestamp,
    startedAt: isoTimestamp.nullable(),
    finishedAt: isoTimestamp.nullable(),
  });

export type ApiRun = z.infer<typeof apiRunSchema>;

export const laneSchema = z
  .object({
    paused: z.boolean(),
    pausedByRunId: z.uuid().nullable().describe("The failed run holding the lane"),
    error: z.object({ message: z.string() }).nullable(),
    queued: z.array(z.object({ id: z.uuid(), type: z.string(), position: z.number().int().min(1) })).describe("Pending lane runs; position 1 runs next"),
  });

export const apiJobTypeSchema = z
  .object({
    type: z.string(),
    label: z.string(),
    description: z.string(),
    schedule: z.string().nullable().describe("When the type runs on its own for this project, as a cron expression in UTC: the project's own interval, or the type's cron when it reaches the project; null when it runs only when triggered"),
    ordering: z.enum(["independent", "lane"]),
    paramsSchema: z.record(z.string(), z.unknown()).describe("JSON Schema of the params"),
  });

export const apiProjectSchema = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), teamId: z.uuid() });

export type ApiProject = z.infer<typeof apiProjectSchema>;

export const apiScheduleSchema = z.object({
  type: z.string(),
  label: z.string(),
  cron: z.string().nullable().describe("When the type runs on its own for this project, as a cron expression in UTC (the same value as schedule in GET …/job-types); null when it runs only when triggered"),
  intervalMinutes: z.union([z.literal(5), z.literal(15), z.literal(30)]).nullable().describe("The project's own interval, when one is set"),
  configurable: z.boolean().describe("Whether PUT …/schedules can set an interval for this type"),
  intervals: z.array(z.number().int()).describe("The intervals PUT …/schedules accepts for this type, in minutes; empty when not configurable"),
});

// Bulk actions (lib/jobs/bulk.ts). dryRun answers the count the action would act on, writing nothing.
export const failureWindowKeys = ["24h", "7d", "30d", "all"] as const;
const dryRun = z.boolean({ error: "dryRun must be true or false" }).optional().describe("Answer how many runs it would act on, and do nothing");

export const listFailuresQuerySchema = z
  .object({
    window: z.enum(failureWindowKeys, { error: `window must be one of ${failureWindowKeys.join(", ")}` }).default("30d").describe("How far back: the Failures page's windows"),
    page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page must be at least 1").max(10_000, "page must be at most 10000").default(1),
  })
  .strict();

export const overviewWindowKeys = ["24h", "7d"] as const;

// GET …/overview: the window of its chart and durations.
export const overviewQuerySchema = z
  .object({
    window: z.enum(overviewWindowKeys, { error: `window must be one of ${overviewWindowKeys.join(", ")}` }).default("24h").describe("The last 24 hours or 7 days, one bucket per hour"),
  })
  .strict();

export const retryFailureGroupBodyFields = z
    .object({
      type: z.string({ error: "type is required" }).min(1, "type is required").max(100, "type must be at most 100 characters").describe("The group's job type"),
      fingerprint: z.guid({ error: "fingerprint must be a failure group's fingerprint (GET …/failures)" }).describe("The group's fingerprint, from GET …/failures"),
      window: z.enum(failureWindowKeys, { error: `window must be one of ${failureWindowKeys.join(", ")}` }).default("30d").describe("The failed runs of the group created in this window"),
      dryRun,
    })
    .strict();

export const retryFailureGroupBodySchema = withoutPrototypeKeys(retryFailureGroupBodyFields);

export const cancelPendingBodyFields = z
    .object({
      type: z.string().min(1, "type must not be empty").max(100, "type must be at most 100 characters").optional().describe("Only this job type's pending runs; every type's when left out"),
      dryRun,
    })
    .strict();

export const cancelPendingBodySchema = withoutPrototypeKeys(cancelPendingBodyFields);
