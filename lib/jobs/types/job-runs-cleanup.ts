// job_runs_cleanup: Taskdeck's own maintenance, keeping job_runs within its retention.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const jobRunsCleanup = defineJobType({
  type: "job_runs_cleanup",
  label: "Job Runs Cleanup",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "15 3 * * *", reach: "system" },
  description:
    "Deletes finished runs older than the retention (RUN_RETENTION_DAYS, default 30; failed runs FAILED_RUN_RETENTION_DAYS, default 90), and notifications with their delivery logs older than RUN_RETENTION_DAYS, in batches.",
  paramsSchema: z.object({}).strict(),
});
