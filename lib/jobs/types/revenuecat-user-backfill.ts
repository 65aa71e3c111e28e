// revenuecat_user_backfill (Owlmetry): every historical RevenueCat customer of a project retrofitted
// into app users, resumable across runs (lib/revenuecat/backfill.ts).
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const revenuecatUserBackfill = defineJobType({
  type: "revenuecat_user_backfill",
  label: "RevenueCat User Backfill",
  scope: "project",
  ordering: "independent",
  description:
    "Pages through every customer in the linked RevenueCat project (V2 list-customers API) and creates or updates the corresponding app_users row (subscription state, lifetime USD revenue, attribution). Idempotent — re-running is safe. Anonymous RevenueCat IDs ($RCAnonymousID:*) are skipped. Use after installing the Owl SDK in an existing app to retrofit historical RC customers so Advertising Insights can attribute their revenue. Can take hours on large projects (~3 RC API calls per customer at the 480 req/min Customer Information budget)",
  paramsSchema: z
    .object({
      pageSize: z
        .number({ error: "pageSize must be a number" })
        .int("pageSize must be a whole number")
        .min(1, "pageSize must be at least 1")
        .max(100, "pageSize must be at most 100 (RevenueCat's page limit)")
        .default(100)
        .describe("Customers fetched and written per RevenueCat page (each page is one resume point)"),
    })
    .strict(),
});
