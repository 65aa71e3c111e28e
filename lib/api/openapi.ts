// The OpenAPI 3.1 document of REST API v1 (served at /api/v1/openapi.json), generated from the
// zod schemas that validate requests and shape responses, so it cannot drift from the code.
// tests/e2e checks that every route file is documented and that the document is valid OpenAPI.
import { z } from "zod";
import { errorBodySchema } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/api/limits";
import { apiIssueDetailSchema, apiIssueSchema, listIssuesQuerySchema } from "@/lib/issues/schemas";
import { attachmentSchema, ingestBatchDocumentSchema, ingestResultSchema, MAX_BATCH_ITEMS, MAX_INGEST_BODY_BYTES } from "@/lib/events/schemas";
import { apiJobTypeSchema, apiProjectSchema, apiRunSchema, apiScheduleSchema, laneSchema, listRunsQuerySchema, putScheduleBodySchema, retryBodySchema, cancelPendingBodySchema, listFailuresQuerySchema, overviewQuerySchema, retryFailureGroupBodySchema, runLogsQuerySchema, seedTriggerBodySchema, triggerBodySchema } from "@/lib/jobs/schemas";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _dialect, id: _id, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ content: { "application/json": { schema } } });
const object = (properties: Record<string, JsonSchema>) => ({ type: "object", properties, required: Object.keys(properties) });

const errors = {
  "400": "Invalid JSON, body, params or query (`issues` lists the fields)",
  "401": "No session and no API key, or a revoked or unknown key",
  "403": "Signed in or keyed, but without the permission (jobs need admin or owner; keys need jobs:read or jobs:write)",
  "404": "No such project or run for this caller (another team's never reveals itself)",
  "409": "Conflict: a run of the type is already active (`existingRunId`; null while a scheduled run across projects is working on this project), or the run or lane is not in a state for this",
  "413": `Request body over ${MAX_BODY_BYTES / 1024} KB`,
  "429": "API key over its rate limit; see Retry-After",
} as const;

function responses(success: [status: string, description: string, schema: JsonSchema], codes: Array<keyof typeof errors>) {
  const [status, description, schema] = success;
  return {
    [status]: { description, ...json(schema) },
    ...Object.fromEntries(codes.map((code) => [code, { description: errors[code], ...json(ref("Error")) }])),
  };
}

const ingestErrors = {
  "400": "Invalid JSON or envelope, or a bad multipart form (`issues` lists the fields)",
  "401": "No ingest key, or a revoked, deleted or unknown one (team API keys are not accepted here)",
  "404": "No such attachment in the key's project",
  "413": "Body over the limit (batches: 5 MB; attachments: ATTACHMENT_MAX_BYTES)",
  "429": "Ingest key over INGEST_RATE_LIMIT_PER_MINUTE; see Retry-After",
} as const;

function ingestResponses(success: [status: string, description: string, schema: JsonSchema], codes: Array<keyof typeof ingestErrors>) {
  const [status, description, schema] = success;
  return { [status]: { description, ...json(schema) }, ...Object.fromEntries(codes.map((code) => [code, { description: ingestErrors[code], ...json(ref("Error")) }])) };
}

const projectId = { name: "projectId", in: "path", required: true, description: "The project's id or slug", schema: { type: "string" } };
const runId = { name: "runId", in: "path", required: true, description: "The run's id", schema: { type: "string", format: "uuid" } };
const read = ["401", "403", "404", "429"] as const;
const issueId = { name: "issueId", in: "path", required: true, description: "The issue's id", schema: { type: "string", format: "uuid" } };

// Polled answers carry an ETag; sending it back in If-None-Match gets 304 when nothing changed.
const ifNoneMatch = { name: "If-None-Match", in: "header", required: false, description: "The ETag of an earlier answer: 304 if nothing changed since", schema: { type: "string" } };
function conditional<T extends Record<string, unknown>>(responses: T) {
  const ok = responses["200"] as Record<string, unknown>;
  return {
    ...responses,
    "200": { ...ok, headers: { ETag: { description: "The version of this answer, for If-None-Match", schema: { type: "string" } } } },
    "304": { description: "Not modified since the ETag sent in If-None-Match; no body" },
  };
}

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({ name, in: "query", required: false, schema: jsonSchema(field as z.ZodType, "input") }));
}

export function openApiDocument(serverUrl: string): JsonSchema {
  return {
    openapi: "3.1.0",
    info: {
      title: "Taskdeck REST API",
      version: "1",
      description:
        "Trigger, watch, cancel and retry a project's background jobs. Authenticate with `Authorization: Bearer <api key>` (team settings → API keys, or `taskdeck admin keys create`) or the dashboard session. Errors are `{ error: { code, message, issues? } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    tags: [{ name: "Projects" }, { name: "Runs" }, { name: "Lanes" }, { name: "Failures", description: "Failed runs grouped by job type and error, and retrying a group" }, { name: "Overview", description: "A project's health at a glance, as on its Overview tab" }, { name: "Schedules", description: "Per-project intervals (every 5, 15 or 30 minutes) and each type's effective schedule" }, { name: "Issues", description: "Error events clustered by fingerprint (issue_scan)" }, { name: "Ingest", description: "What apps send, with a project ingest key (`tdi_…`, project settings → Ingest keys)" }],
    paths: {
      "/api/v1/projects": {
        get: {
          operationId: "listProjects",
          tags: ["Projects"],
          summary: "The projects the caller can see",
          responses: responses(["200", "Projects", object({ projects: { type: "array", items: ref("Project") } })], ["401", "429"]),
        },
      },
      "/api/v1/projects/{projectId}/job-types": {
        get: {
          operationId: "listJobTypes",
          tags: ["Projects"],
          summary: "The project's job types, with each one's params as JSON Schema",
          parameters: [projectId],
          responses: responses(["200", "Job types", object({ jobTypes: { type: "array", items: ref("JobType") } })], ["401", "404", "429"]),
        },
      },
      "/api/v1/projects/{projectId}/jobs": {
        post: {
          operationId: "triggerJob",
          tags: ["Runs"],
          summary: "Trigger a job: creates a pending run (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: true, ...json(jsonSchema(triggerBodySchema, "input")) },
          responses: responses(["202", "The new run", object({ run: ref("Run") })], ["400", ...read, "409", "413"]),
        },
      },
      "/api/v1/projects/{projectId}/ratings/sync": {
        post: {
          operationId: "syncRatings",
          tags: ["Runs"],
          summary: "Sync the project's App Store ratings now: triggers app_store_ratings_sync for the project (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: false, ...json(jsonSchema(seedTriggerBodySchema, "input")) },
          responses: responses(["202", "The new run", object({ run: ref("Run") })], ["400", ...read, "409", "413"]),
        },
      },
      "/api/v1/projects/{projectId}/ads/sync": {
        post: {
          operationId: "syncAds",
          tags: ["Runs"],
          summary: "Sync the project's Apple Ads names and lifetime campaign totals now: triggers apple_ads_sync for the project (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: false, ...json(jsonSchema(seedTriggerBodySchema, "input")) },
          responses: responses(["202", "The new run", object({ run: ref("Run") })], ["400", ...read, "409", "413"]),
        },
      },
      "/api/v1/projects/{projectId}/integrations/app-store-connect/sync": {
        post: {
          operationId: "syncAppStoreConnect",
          tags: ["Runs"],
          summary: "Sync the project's App Store reviews and replies now: triggers app_store_connect_reviews_sync for the project (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: false, ...json(jsonSchema(seedTriggerBodySchema, "input")) },
          responses: responses(["202", "The new run", object({ run: ref("Run") })], ["400", ...read, "409", "413"]),
        },
      },
      "/api/v1/projects/{projectId}/runs": {
        get: {
          operationId: "listRuns",
          tags: ["Runs"],
          summary: "The project's runs, newest first, keyset-paginated (needs jobs:read)",
          parameters: [projectId, ...queryParameters(listRunsQuerySchema), ifNoneMatch],
          responses: conditional(
            responses(["200", "A page of runs", object({ runs: { type: "array", items: ref("Run") }, nextCursor: { type: ["string", "null"] } })], ["400", ...read]),
          ),
        },
      },
      "/api/v1/projects/{projectId}/runs/cancel-pending": {
        post: {
          operationId: "cancelPendingRuns",
          tags: ["Runs"],
          summary: "Cancel the project's pending runs, of one type or of all, each like a one-by-one cancel; dryRun answers the count (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: false, ...json(jsonSchema(cancelPendingBodySchema, "input")) },
          responses: responses(
            [
              "200",
              "What was cancelled, or with dryRun how many are pending",
              object({
                dryRun: { type: "boolean" },
                pending: { type: "integer", description: "dryRun: the pending runs it would cancel" },
                cancelled: { type: "integer" },
                stopping: { type: "integer", description: "Started before the cancel reached them: asked to stop" },
                leftOver: { type: "integer", description: "Beyond the 500 one request cancels" },
              }),
            ],
            ["400", ...read, "413"],
          ),
        },
      },
      "/api/v1/projects/{projectId}/overview": {
        get: {
          operationId: "getOverview",
          tags: ["Overview"],
          summary: "The project's health: runs per hour by outcome over 24 hours or 7 days, p50/p95 duration per type, running and queued runs, the lane and live workers (needs jobs:read)",
          parameters: [projectId, ...queryParameters(overviewQuerySchema)],
          responses: responses(
            [
              "200",
              "The overview",
              object({
                overview: object({
                  window: { type: "string", enum: ["24h", "7d"] },
                  generatedAt: { type: "string", format: "date-time" },
                  hours: {
                    type: "array",
                    description: "One entry per hour of the window, the current hour last: runs created in it, by how they ended (active: not yet)",
                    items: object({ at: { type: "string", format: "date-time" }, completed: { type: "integer" }, failed: { type: "integer" }, cancelled: { type: "integer" }, active: { type: "integer" } }),
                  },
                  totals: object({ completed: { type: "integer" }, failed: { type: "integer" }, cancelled: { type: "integer" }, active: { type: "integer" } }),
                  running: { type: "integer" },
                  queued: { type: "integer" },
                  oldestQueued: { type: ["object", "null"], properties: { runId: { type: "string", format: "uuid" }, type: { type: "string" }, createdAt: { type: "string", format: "date-time" } } },
                  durations: {
                    type: "array",
                    description: "Per job type, the runs that ended (completed or failed) in the window and their p50/p95 duration in ms",
                    items: object({ type: { type: "string" }, label: { type: "string" }, ended: { type: "integer" }, failed: { type: "integer" }, p50Ms: { type: ["integer", "null"] }, p95Ms: { type: ["integer", "null"] } }),
                  },
                  lane: ref("Lane"),
                  liveWorkers: { type: "integer", description: "Workers whose heartbeat is younger than three beats" },
                }),
              }),
            ],
            ["400", ...read],
          ),
        },
      },
      "/api/v1/projects/{projectId}/failures": {
        get: {
          operationId: "listFailures",
          tags: ["Failures"],
          summary: "The project's failed runs grouped by job type and error, most recently seen first (needs jobs:read)",
          parameters: [projectId, ...queryParameters(listFailuresQuerySchema)],
          responses: responses(
            [
              "200",
              "A page of failure groups",
              object({
                groups: {
                  type: "array",
                  items: object({
                    type: { type: "string" },
                    fingerprint: { type: "string", format: "uuid", description: "The group's id within its type (POST …/failures/retry)" },
                    message: { type: "string" },
                    count: { type: "integer" },
                    firstSeenAt: { type: "string", format: "date-time" },
                    lastSeenAt: { type: "string", format: "date-time" },
                    newestRunId: { type: "string", format: "uuid" },
                  }),
                },
                failures: { type: "integer" },
                groupCount: { type: "integer" },
                page: { type: "integer" },
                pageCount: { type: "integer" },
              }),
            ],
            ["400", ...read],
          ),
        },
      },
      "/api/v1/projects/{projectId}/failures/retry": {
        post: {
          operationId: "retryFailureGroup",
          tags: ["Failures"],
          summary:
            "Retry every failed run of a failure group in a window that has no retry yet, oldest first: the first at once, the rest one after another (a type has one active run per project); dryRun answers the count (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: true, ...json(jsonSchema(retryFailureGroupBodySchema, "input")) },
          responses: responses(
            [
              "202",
              "The group retry, started (200 with dryRun: the count only)",
              object({
                dryRun: { type: "boolean" },
                bulkRetryId: { type: "string", format: "uuid" },
                planned: { type: "integer", description: "Runs it retries (at most 500)" },
                retried: { type: "integer", description: "Retried already" },
                leftOver: { type: "integer", description: "Beyond the 500 one request retries" },
              }),
            ],
            ["400", ...read, "409", "413"],
          ),
        },
      },
      "/api/v1/runs/{runId}": {
        get: {
          operationId: "getRun",
          tags: ["Runs"],
          summary: "One run (needs jobs:read)",
          parameters: [runId, ifNoneMatch],
          responses: conditional(responses(["200", "The run", object({ run: ref("Run") })], [...read])),
        },
      },
      "/api/v1/runs/{runId}/logs": {
        get: {
          operationId: "getRunLogs",
          tags: ["Runs"],
          summary: "A run's log lines, oldest first; follow a running run with after=nextCursor until complete (needs jobs:read)",
          parameters: [runId, ...queryParameters(runLogsQuerySchema)],
          responses: responses(
            [
              "200",
              "A page of the run's log",
              object({
                logs: {
                  type: "array",
                  items: object({
                    id: { type: "string", description: "The line's id, a cursor" },
                    at: { type: "string", format: "date-time" },
                    level: { type: "string", enum: ["info", "warn", "error"] },
                    message: { type: "string" },
                    fields: { type: ["object", "null"] },
                  }),
                },
                nextCursor: { type: ["string", "null"], description: "Pass as after= for the lines written since" },
                hasMore: { type: "boolean", description: "More lines are already written after this page" },
                runStatus: { type: "string", enum: ["pending", "running", "completed", "failed", "cancelled"] },
                complete: { type: "boolean", description: "The run has ended and every line has been read" },
              }),
            ],
            [...read, "400"],
          ),
        },
      },
      "/api/v1/runs/{runId}/cancel": {
        post: {
          operationId: "cancelRun",
          tags: ["Runs"],
          summary: "Cancel a pending run at once, or ask a running one to stop (needs jobs:write)",
          parameters: [runId],
          responses: responses(["200", "The run", object({ run: ref("Run") })], [...read, "409"]),
        },
      },
      "/api/v1/runs/{runId}/retry": {
        post: {
          operationId: "retryRun",
          tags: ["Runs"],
          summary: "Retry a failed or cancelled run as a new run linked to it (needs jobs:write); with params, the new run takes those instead",
          parameters: [runId],
          requestBody: { required: false, ...json(jsonSchema(retryBodySchema, "input")) },
          responses: responses(["202", "The new run, with retryOfId", object({ run: ref("Run") })], [...read, "400", "409"]),
        },
      },
      "/api/v1/projects/{projectId}/lane": {
        get: {
          operationId: "getLane",
          tags: ["Lanes"],
          summary: "The project's lane: paused or not, by which run, and what is queued (needs jobs:read)",
          parameters: [projectId],
          responses: responses(["200", "The lane", object({ lane: ref("Lane") })], [...read]),
        },
      },
      "/api/v1/projects/{projectId}/lane/retry": {
        post: {
          operationId: "retryLane",
          tags: ["Lanes"],
          summary: "Run the failed lane work again, first in the lane, and resume (needs jobs:write)",
          parameters: [projectId],
          responses: responses(["202", "The new run", object({ run: ref("Run") })], [...read, "409"]),
        },
      },
      "/api/v1/projects/{projectId}/lane/skip": {
        post: {
          operationId: "skipLane",
          tags: ["Lanes"],
          summary: "Drop the failed lane work and resume (needs jobs:write)",
          parameters: [projectId],
          responses: responses(["200", "The lane", object({ lane: ref("Lane") })], [...read, "409"]),
        },
      },
      "/api/v1/projects/{projectId}/schedules": {
        get: {
          operationId: "listSchedules",
          tags: ["Schedules"],
          summary: "When each of the project's job types runs on its own, and which take a per-project interval (needs jobs:read)",
          parameters: [projectId],
          responses: responses(["200", "One schedule per project job type", object({ schedules: { type: "array", items: ref("Schedule") } })], [...read]),
        },
        put: {
          operationId: "setSchedule",
          tags: ["Schedules"],
          summary: "Set a type's interval for the project (5, 15 or 30 minutes), or turn it off with null (needs jobs:write)",
          parameters: [projectId],
          requestBody: { required: true, ...json(jsonSchema(putScheduleBodySchema, "input")) },
          responses: responses(["200", "The type's new effective schedule", object({ schedule: ref("Schedule") })], ["400", ...read, "413"]),
        },
      },
      "/api/v1/projects/{projectId}/issues": {
        get: {
          operationId: "listIssues",
          tags: ["Issues"],
          summary: "The project's issues, last seen first, keyset-paginated (any member or key of the team)",
          parameters: [projectId, ...queryParameters(listIssuesQuerySchema)],
          responses: responses(["200", "A page of issues", object({ issues: { type: "array", items: ref("Issue") }, nextCursor: { type: ["string", "null"] } })], ["400", "401", "404", "429"]),
        },
      },
      "/api/v1/issues/{issueId}": {
        get: {
          operationId: "getIssue",
          tags: ["Issues"],
          summary: "One issue, with its latest stack and recent events",
          parameters: [issueId],
          responses: responses(["200", "The issue", object({ issue: ref("IssueDetail") })], ["401", "404", "429"]),
        },
      },
      "/api/v1/issues/{issueId}/resolve": {
        post: {
          operationId: "resolveIssue",
          tags: ["Issues"],
          summary: "Resolve an issue: it regresses if it recurs in production (needs jobs:write)",
          parameters: [issueId],
          responses: responses(["200", "The issue", object({ issue: ref("Issue") })], [...read]),
        },
      },
      "/api/v1/issues/{issueId}/ignore": {
        post: {
          operationId: "ignoreIssue",
          tags: ["Issues"],
          summary: "Ignore an issue: it stays counted but never regresses or notifies (needs jobs:write)",
          parameters: [issueId],
          responses: responses(["200", "The issue", object({ issue: ref("Issue") })], [...read]),
        },
      },
      "/api/v1/ingest/events": {
        post: {
          operationId: "ingestEvents",
          tags: ["Ingest"],
          summary: `Send a batch of up to ${MAX_BATCH_ITEMS} events, metric events and funnel events; valid items are stored, each rejected one is listed with its reason`,
          description: `Timestamps more than 24 hours ahead, or older than the project's retention for their table, are rejected. An item's \`id\` makes resending it harmless. Bodies up to ${MAX_INGEST_BODY_BYTES / 1024 / 1024} MB.`,
          security: [{ ingestKey: [] }],
          requestBody: { required: true, ...json(jsonSchema(ingestBatchDocumentSchema, "input")) },
          responses: ingestResponses(["202", "What was stored and what was rejected", ref("IngestResult")], ["400", "401", "413", "429"]),
        },
      },
      "/api/v1/ingest/attachments": {
        post: {
          operationId: "uploadAttachment",
          tags: ["Ingest"],
          summary: "Upload a file for an error event (multipart: eventId and file), capped at ATTACHMENT_MAX_BYTES",
          security: [{ ingestKey: [] }],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", properties: { eventId: { type: "string", format: "uuid" }, file: { type: "string", contentMediaType: "application/octet-stream" } }, required: ["eventId", "file"] },
              },
            },
          },
          responses: ingestResponses(["201", "The stored attachment", object({ attachment: ref("Attachment") })], ["400", "401", "413", "429"]),
        },
      },
      "/api/v1/ingest/attachments/{attachmentId}": {
        delete: {
          operationId: "deleteAttachment",
          tags: ["Ingest"],
          summary: "Delete an attachment: removed for good after a 7-day grace",
          security: [{ ingestKey: [] }],
          parameters: [{ name: "attachmentId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "204": { description: "Deleted" },
            ...Object.fromEntries((["401", "404", "429"] as const).map((code) => [code, { description: ingestErrors[code], ...json(ref("Error")) }])),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A team API key, `tdk_…`" },
        ingestKey: { type: "http", scheme: "bearer", description: "A project ingest key, `tdi_…`: only the ingest endpoints accept it" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The dashboard's session" },
      },
      schemas: {
        Run: jsonSchema(apiRunSchema),
        Lane: jsonSchema(laneSchema),
        Schedule: jsonSchema(apiScheduleSchema),
        JobType: jsonSchema(apiJobTypeSchema),
        Project: jsonSchema(apiProjectSchema),
        Error: jsonSchema(errorBodySchema),
        Issue: jsonSchema(apiIssueSchema),
        IssueDetail: jsonSchema(apiIssueDetailSchema),
        IngestResult: jsonSchema(ingestResultSchema),
        Attachment: jsonSchema(attachmentSchema),
      },
    },
  };
}
