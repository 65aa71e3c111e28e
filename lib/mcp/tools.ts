import "server-only";
// The MCP server's tools (PRODUCT.md "MCP"): each is one ability of lib/api/abilities.ts, so it
// has the REST API's permissions, errors and result. Inputs are the REST API's own zod schemas
// plus the ids the REST API takes in its path. Annotations are honest hints: reads are read-only
// and idempotent; anything that starts a job may change the world outside Taskdeck (pushes to App
// Store Connect), so it is open-world and destructive.
import { z } from "zod";
import * as abilities from "@/lib/api/abilities";
import type { Actor } from "@/lib/auth/access";
import { cancelPendingBodyFields, listFailuresQuerySchema, overviewQuerySchema, retryFailureGroupBodyFields, listRunsQuerySchema, runLogsQuerySchema, putScheduleBodySchema, retryBodyFields, seedTriggerBodyFields, triggerBodyFields } from "@/lib/jobs/schemas";
import { waitForRunEnd, type WaitReporter } from "./wait";
import { waitSchema } from "./wait-input";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  actor: Actor;
  /** Reports progress while a tool waits for a run (MCP progress notifications). */
  report: WaitReporter;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export interface ToolDefinition<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  annotations: ToolAnnotations;
  input: S;
  call(input: z.output<S>, context: ToolContext): Promise<Record<string, unknown>>;
}

const tool = <S extends z.ZodObject>(definition: ToolDefinition<S>) => definition as unknown as ToolDefinition;

const read: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
// Starts a run: a second call starts another (or is refused with 409 while one is active).
const starts: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
// Starts a run that only pulls data into Taskdeck (the seed's syncs): nothing outside is changed.
const pulls: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

const projectId = z.string().min(1).max(100).describe("The project's id or slug (see list-projects)");
const runId = z.string().min(1).max(100).describe("The run's id");
const project = z.object({ projectId }).strict();
const run = z.object({ runId }).strict();

/** Starts a run and, when asked, waits for it to end (bounded), reporting progress meanwhile. */
async function startAndMaybeWait(started: Promise<{ run: { id: string } }>, wait: z.output<typeof waitSchema>, context: ToolContext) {
  const body = await started;
  if (!wait.wait) return body;
  return waitForRunEnd(context.actor, body.run.id, wait.waitSeconds, context.report, context.signal);
}

const seedTool = (name: string, title: string, type: string, what: string) =>
  tool({
    name,
    title,
    description: `Starts ${type} for one project: ${what} Same as POST the seed's route or triggering ${type}; 409 while one is pending or running. With wait, follows the run until it ends (at most waitSeconds).`,
    annotations: pulls,
    input: project.extend(seedTriggerBodyFields.shape).extend(waitSchema.shape),
    call: ({ projectId: id, notify, wait, waitSeconds }, context) =>
      startAndMaybeWait(abilities.triggerSeedJob(context.actor, id, type, { notify }), { wait, waitSeconds }, context),
  });

export const tools: ToolDefinition[] = [
  tool({
    name: "list-projects",
    title: "List projects",
    description: "The projects this API key's team has: id, slug and name. Every other tool takes a project's id or slug.",
    annotations: read,
    input: z.object({}).strict(),
    call: (_input, { actor }) => abilities.listProjects(actor),
  }),
  tool({
    name: "list-job-types",
    title: "List job types",
    description: "The job types a project can run, each with its label, description, ordering (lane or independent), effective schedule (cron, UTC) and params as JSON Schema.",
    annotations: read,
    input: project,
    call: ({ projectId: id }, { actor }) => abilities.listJobTypes(actor, id),
  }),
  tool({
    name: "trigger-job",
    title: "Trigger a job",
    description:
      "Starts a run of a job type for a project, with params as list-job-types describes them. Refused with job_already_running (naming the existing run) while a run of the type is pending or running for the project. With wait, follows the run until it ends (at most waitSeconds), reporting progress.",
    annotations: starts,
    input: project.extend(triggerBodyFields.shape).extend(waitSchema.shape),
    call: ({ projectId: id, type, params, notify, wait, waitSeconds }, context) =>
      startAndMaybeWait(abilities.triggerJob(context.actor, id, { type, params, notify }), { wait, waitSeconds }, context),
  }),
  tool({
    name: "get-run",
    title: "Get a run",
    description: "One run: status, progress (processed, total, percent, message), params, result or error, times and who triggered it.",
    annotations: read,
    input: run,
    call: ({ runId: id }, { actor }) => abilities.getRun(actor, id),
  }),
  tool({
    name: "get-run-logs",
    title: "Get a run's log",
    description:
      "A run's log lines (what its handler logged, and how it ended), oldest first, up to limit per call; pass nextCursor as after for the lines written since. complete is true once the run has ended and every line was read.",
    annotations: read,
    input: run.extend(runLogsQuerySchema.shape),
    call: ({ runId: id, ...query }, { actor }) => abilities.getRunLogs(actor, id, query),
  }),
  tool({
    name: "list-runs",
    title: "List runs",
    description: "A project's runs, newest first, filtered by status, type and creation time; pass nextCursor as cursor for the next page (null on the last).",
    annotations: read,
    input: project.extend(listRunsQuerySchema.shape),
    call: ({ projectId: id, ...query }, { actor }) => abilities.listRuns(actor, id, query),
  }),
  tool({
    name: "cancel-run",
    title: "Cancel a run",
    description: "Cancels a pending run at once, or asks a running one to stop at its next check (its status stays running until it does).",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    input: run,
    call: ({ runId: id }, { actor }) => abilities.cancelRun(actor, id),
  }),
  tool({
    name: "retry-run",
    title: "Retry a run",
    description:
      "Runs a failed or cancelled run again as a new run linked to it, with the same params, or with params if given (checked like a trigger's: fix the value that made it fail). The run that pauses a lane is retried first in the lane.",
    annotations: starts,
    input: run.extend(retryBodyFields.shape).extend(waitSchema.shape),
    call: ({ runId: id, params, wait, waitSeconds }, context) => startAndMaybeWait(abilities.retryRun(context.actor, id, params === undefined ? {} : { params }), { wait, waitSeconds }, context),
  }),
  tool({
    name: "get-lane",
    title: "Get the lane",
    description: "A project's lane: whether a failed lane job pauses it (and which run, with its error) and the lane runs queued behind, in the order they will run.",
    annotations: read,
    input: project,
    call: ({ projectId: id }, { actor }) => abilities.getLaneState(actor, id),
  }),
  tool({
    name: "retry-lane",
    title: "Retry the lane",
    description: "Runs the failed job that pauses the project's lane again, first in the lane; the queued runs follow once it completes.",
    annotations: starts,
    input: project.extend(waitSchema.shape),
    call: ({ projectId: id, wait, waitSeconds }, context) => startAndMaybeWait(abilities.retryLane(context.actor, id), { wait, waitSeconds }, context),
  }),
  tool({
    name: "skip-lane",
    title: "Skip the failed lane job",
    description: "Drops the failed job that pauses the project's lane (it stays failed) and lets the queued runs go on.",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    input: project,
    call: ({ projectId: id }, { actor }) => abilities.skipLane(actor, id),
  }),
  tool({
    name: "get-overview",
    title: "Get a project's overview",
    description:
      "A project's health at a glance: runs per hour by outcome (completed, failed, cancelled, active) over the last 24 hours or 7 days, p50/p95 duration per job type, running and queued counts with the oldest waiting run, the App Store lane's state, and how many workers are live.",
    annotations: read,
    input: project.extend(overviewQuerySchema.shape),
    call: ({ projectId: id, ...query }, { actor }) => abilities.getOverview(actor, id, query),
  }),
  tool({
    name: "list-failures",
    title: "List failure groups",
    description:
      "A project's failed runs grouped by job type and error (most recently seen first), each with its fingerprint and count, over a window (24h, 7d, 30d or all); 25 groups a page.",
    annotations: read,
    input: project.extend(listFailuresQuerySchema.shape),
    call: ({ projectId: id, ...query }, { actor }) => abilities.listFailures(actor, id, query),
  }),
  tool({
    name: "retry-failure-group",
    title: "Retry a failure group",
    description:
      "Retries every failed run of a failure group (type and fingerprint from list-failures) in the window that has no retry yet, oldest first: the first at once, the rest one after another as each ends (a type has one active run per project). Call it with dryRun first to learn how many.",
    annotations: starts,
    input: project.extend(retryFailureGroupBodyFields.shape),
    call: ({ projectId: id, ...body }, { actor }) => abilities.retryFailureGroup(actor, id, body),
  }),
  tool({
    name: "cancel-pending-runs",
    title: "Cancel pending runs",
    description: "Cancels a project's pending runs, of one type or of all, each like cancel-run; with dryRun it only answers how many are pending.",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    input: project.extend(cancelPendingBodyFields.shape),
    call: ({ projectId: id, ...body }, { actor }) => abilities.cancelPending(actor, id, body),
  }),
  tool({
    name: "get-schedules",
    title: "Get schedules",
    description: "When each of a project's job types runs on its own: the effective cron (UTC; null when it runs only when triggered), the project's interval where one is set, and which types take one (5, 15 or 30 minutes).",
    annotations: read,
    input: project,
    call: ({ projectId: id }, { actor }) => abilities.listSchedules(actor, id),
  }),
  tool({
    name: "set-schedule",
    title: "Set a schedule",
    description: "Sets a project's interval for a type that takes one (pull_changes: 5, 15 or 30 minutes), or turns it off with null; answers the type's new effective schedule.",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    input: project.extend(putScheduleBodySchema.shape),
    call: ({ projectId: id, type, intervalMinutes }, { actor }) => abilities.setSchedule(actor, id, { type, intervalMinutes }),
  }),
  seedTool("sync-app-ratings", "Sync App Store ratings", "app_store_ratings_sync", "snapshots each Apple app's average rating and count in every storefront."),
  seedTool("sync-ads", "Sync Apple Search Ads", "apple_ads_sync", "resolves Apple Search Ads names and pulls campaign and ad-group spend, impressions, taps and installs."),
  tool({
    name: "sync-integration",
    title: "Sync an integration",
    description:
      "Starts an integration's sync for one project. app-store-connect: app_store_connect_reviews_sync (every App Store review and the developer's replies). Same as POST …/integrations/:integration/sync; 409 while one is pending or running. With wait, follows the run until it ends.",
    annotations: pulls,
    input: project
      .extend({ integration: z.enum(["app-store-connect"]).describe("The integration to sync") })
      .extend(seedTriggerBodyFields.shape)
      .extend(waitSchema.shape),
    call: ({ projectId: id, notify, wait, waitSeconds }, context) =>
      startAndMaybeWait(abilities.triggerSeedJob(context.actor, id, "app_store_connect_reviews_sync", { notify }), { wait, waitSeconds }, context),
  }),
];
