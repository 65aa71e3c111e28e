// The job catalog (PRODUCT.md "Job semantics" 1): code shared by web, worker and CLI.
// Handlers are not here: the worker maps each type to its handler (worker/handlers/index.ts), so
// the web app never bundles handler code.
import { z } from "zod";
import { pullParamsSchema, pushBuildParamsSchema, pushMetadataParamsSchema, pushReviewParamsSchema } from "@/lib/appstore/params";

export type JobScope = "project" | "system";
export type JobOrdering = "independent" | "lane";

export interface JobTypeDefinition<Params extends z.ZodType = z.ZodType> {
  type: string;
  label: string;
  scope: JobScope;
  ordering: JobOrdering;
  /** A 5-field cron expression in UTC, or null when the type only runs when triggered. */
  schedule: string | null;
  description: string;
  paramsSchema: Params;
  /** Lane types only: each project may run it on an interval of 5, 15 or 30 minutes. */
  projectSchedule?: boolean;
}

export const catalog = {
  revenuecat_sync: {
    type: "revenuecat_sync",
    label: "RevenueCat Sync",
    scope: "project",
    ordering: "independent",
    schedule: null,
    description: "Syncs subscriber data from RevenueCat for all users in a project.",
    paramsSchema: z
      .object({
        pageSize: z
          .number({ error: "pageSize must be a number" })
          .int("pageSize must be a whole number")
          .min(1, "pageSize must be at least 1")
          .max(100, "pageSize must be at most 100 (RevenueCat's page limit)")
          .default(20)
          .describe("Customers fetched per RevenueCat page"),
      })
      .strict(),
  },
  job_runs_cleanup: {
    type: "job_runs_cleanup",
    label: "Job Runs Cleanup",
    scope: "system",
    ordering: "independent",
    schedule: "15 3 * * *",
    description:
      "Deletes finished runs older than the retention (RUN_RETENTION_DAYS, default 30; failed runs FAILED_RUN_RETENTION_DAYS, default 90), in batches.",
    paramsSchema: z.object({}).strict(),
  },
  // StorePush: App Store Connect work, one lane per project (semantics 8). A failure pauses the
  // project's lane, so a push never runs on top of a pull that did not finish.
  pull_all: {
    type: "pull_all",
    label: "Pull All",
    scope: "project",
    ordering: "lane",
    schedule: null,
    description: "Full sync of all app data (versions, metadata, builds, reviews). Runs on initial app setup.",
    paramsSchema: pullParamsSchema,
  },
  pull_changes: {
    type: "pull_changes",
    label: "Pull Changes",
    scope: "project",
    ordering: "lane",
    schedule: null,
    description: "Incremental sync that only fetches changes since the last pull. Runs automatically based on your configured interval.",
    paramsSchema: pullParamsSchema,
    projectSchedule: true,
  },
  push_metadata: {
    type: "push_metadata",
    label: "Push Metadata",
    scope: "project",
    ordering: "lane",
    schedule: null,
    description: "Sends metadata changes (descriptions, keywords, release notes) to Apple.",
    paramsSchema: pushMetadataParamsSchema,
  },
  push_review: {
    type: "push_review",
    label: "Push Review",
    scope: "project",
    ordering: "lane",
    schedule: null,
    description: "Sends review responses to Apple.",
    paramsSchema: pushReviewParamsSchema,
  },
  push_build: {
    type: "push_build",
    label: "Push Build",
    scope: "project",
    ordering: "lane",
    schedule: null,
    description: "Submits a build to App Store Connect.",
    paramsSchema: pushBuildParamsSchema,
  },
} as const satisfies Record<string, JobTypeDefinition>;

export type JobType = keyof typeof catalog;
export type JobParams<T extends JobType> = z.output<(typeof catalog)[T]["paramsSchema"]>;

// Job types added at run time. Integration tests register types of their own (a lane type, a
// handler that ignores cancellation…) to prove the engine's guarantees without product handlers.
const registered = new Map<string, JobTypeDefinition>();

export function registerJobType(definition: JobTypeDefinition): void {
  if (Object.hasOwn(catalog, definition.type)) throw new Error(`${definition.type} is already in the catalog`);
  registered.set(definition.type, definition);
}

export function isJobType(value: string): value is JobType {
  return Object.hasOwn(catalog, value);
}

export function getJobType(type: string): JobTypeDefinition | undefined {
  return isJobType(type) ? catalog[type] : registered.get(type);
}

export function allJobTypes(): JobTypeDefinition[] {
  return [...Object.values(catalog), ...registered.values()];
}

export function projectJobTypes(): JobTypeDefinition[] {
  return allJobTypes().filter((definition) => definition.scope === "project");
}

export function systemJobTypes(): JobTypeDefinition[] {
  return allJobTypes().filter((definition) => definition.scope === "system");
}

// All lane types share one queue: pg-boss's key_strict_fifo orders jobs per key within a queue,
// and a project's lane must keep its order across job types.
export const LANE_QUEUE = "lane";

export function queueName(type: string): string {
  return getJobType(type)?.ordering === "lane" ? LANE_QUEUE : type;
}
