// predict_analytics (StorePush "Predict Analytics"): 30-day forecasts of each app's downloads,
// sessions and proceeds from Pull Analytics' history, in the project's lane, Sundays at 03:00 UTC.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const predictAnalytics = defineJobType({
  type: "predict_analytics",
  label: "Predict Analytics",
  scope: "project",
  ordering: "lane",
  schedule: { cron: "0 3 * * 0", reach: "each_project", eligible: "app_store_connect" },
  description: "Generates AI-powered performance predictions. Runs weekly on Sundays at 03:00 UTC.",
  paramsSchema: z.object({}).strict(),
});
