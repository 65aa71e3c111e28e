// app_store_connect_reviews_sync (Owlmetry): every App Store review of every connected project's
// Apple apps, with the developer's replies, daily; an admin can also sync one project.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const appStoreConnectReviewsSync = defineJobType({
  type: "app_store_connect_reviews_sync",
  label: "App Store Connect Reviews Sync",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "30 5 * * *", reach: "fan_out", eligible: "app_store_connect_app" },
  projectTrigger: true,
  description:
    "Pulls every App Store review of the project's Apple apps from App Store Connect, keeps reviewers' words as first seen and refreshes the developer's replies, then checks replies still waiting to be published; tells the team about new reviews.",
  paramsSchema: z.object({}).strict(),
});
