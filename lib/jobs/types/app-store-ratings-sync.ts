// app_store_ratings_sync (Owlmetry): every Apple app's rating in every storefront, daily; an admin
// can also sync one project's apps (dashboard, API, CLI, MCP).
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const appStoreRatingsSync = defineJobType({
  type: "app_store_ratings_sync",
  label: "App Store Ratings Sync",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "30 4 * * *", reach: "fan_out", eligible: "apple_app_with_bundle_id" },
  projectTrigger: true,
  description:
    "Snapshots each Apple app's average rating and rating count in every App Store storefront, then refreshes its worldwide rating; tells the team when an app's rating count went up since the previous sync.",
  paramsSchema: z.object({}).strict(),
});
