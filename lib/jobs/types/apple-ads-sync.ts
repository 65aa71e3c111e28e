// apple_ads_sync (Owlmetry): Apple Ads names for attributed app users and lifetime campaign and
// ad-group totals of the project's apps, daily for every project connected to Apple Ads; an admin
// can also sync one project (lib/ads/sync.ts does the work).
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const appleAdsSync = defineJobType({
  type: "apple_ads_sync",
  label: "Apple Ads Sync",
  scope: "project",
  ordering: "independent",
  schedule: { cron: "45 4 * * *", reach: "fan_out", eligible: "apple_ads" },
  description:
    "Resolves any unresolved Apple Search Ads IDs to human-readable names and pulls campaign and ad-group spend, impressions, taps and installs from Apple's Reports API into lifetime totals, filtered by adamId against the project's apps' App Store ids, so projects sharing an Apple Ads account see only their own campaigns. Lifetime totals cover a rolling 12-month window read in 90-day chunks.",
  paramsSchema: z.object({}).strict(),
});
