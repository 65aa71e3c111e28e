// The job catalog (PRODUCT.md "Job semantics" 1): code shared by web, worker and CLI.
// Handlers are not here: the worker maps each type to its handler (worker/handlers/index.ts), so
// the web app never bundles handler code.
import { z } from "zod";

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
} as const satisfies Record<string, JobTypeDefinition>;

export type JobType = keyof typeof catalog;
export type JobParams<T extends JobType> = z.output<(typeof catalog)[T]["paramsSchema"]>;

export const jobTypes = Object.keys(catalog) as JobType[];

export function isJobType(value: string): value is JobType {
  return Object.hasOwn(catalog, value);
}

export function getJobType(type: string): JobTypeDefinition | undefined {
  return isJobType(type) ? catalog[type] : undefined;
}

export function projectJobTypes(): JobTypeDefinition[] {
  return Object.values(catalog).filter((definition) => definition.scope === "project");
}

// Every job type has a pg-boss queue of the same name.
export function queueName(type: string): string {
  return type;
}
