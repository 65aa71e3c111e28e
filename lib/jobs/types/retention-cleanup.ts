// retention_cleanup: keeps each project's events within its retention policy.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const retentionCleanup = defineJobType({
  type: "retention_cleanup",
  label: "Data Retention Cleanup",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "0 2 * * *", reach: "system" },
  description:
    "Deletes events, metric events, and funnel events older than each project's retention policy. Partitions every project's policy has expired are dropped whole; the rest is deleted in bounded batches.",
  paramsSchema: z.object({}).strict(),
});
