// app_version_sync (Owlmetry): each app's latest version and App Store id, hourly. Cron-only.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const appVersionSync = defineJobType({
  type: "app_version_sync",
  label: "App Version Sync",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "15 * * * *", reach: "system" },
  cronOnly: true,
  description:
    "Refreshes each app's latest_app_version and apple_app_store_id (iTunes Lookup for Apple, computed from production events otherwise). System-scoped — cannot be triggered via the API, CLI, or MCP.",
  paramsSchema: z.object({}).strict(),
});
