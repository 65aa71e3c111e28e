// pull_analytics (StorePush "Pull Analytics"): the day's App Store Connect Analytics Reports into
// analytics_daily, in the project's lane, for every connected project at 02:00 UTC.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const pullAnalytics = defineJobType({
  type: "pull_analytics",
  label: "Pull Analytics",
  scope: "project",
  ordering: "lane",
  schedule: { cron: "0 2 * * *", reach: "each_project", eligible: "app_store_connect" },
  description: "Downloads the App Store Connect analytics reports (Discovery and Engagement, Downloads, Sessions, Purchases) not yet stored. Runs daily at 02:00 UTC.",
  paramsSchema: z.object({}).strict(),
});
