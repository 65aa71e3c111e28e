// attachment_cleanup: keeps attachment files and their records in step.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const attachmentCleanup = defineJobType({
  type: "attachment_cleanup",
  label: "Attachment Cleanup",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "0 5 * * *", reach: "system" },
  description:
    "Hard-deletes soft-deleted event attachments after a 7-day grace, sweeps orphaned uploads (files without records, records without files, uploads never tied to an event within a day) and files whose events were retention-pruned.",
  paramsSchema: z.object({}).strict(),
});
