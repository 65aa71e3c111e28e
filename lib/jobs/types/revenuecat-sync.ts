// revenuecat_sync (Owlmetry): subscriber data from RevenueCat for every app user of a project.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const revenuecatSync = defineJobType({
  type: "revenuecat_sync",
  label: "RevenueCat Sync",
  scope: "project",
  ordering: "independent",
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
});
