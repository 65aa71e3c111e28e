// soft_delete_cleanup: removes for good what was deleted more than 7 days ago.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const softDeleteCleanup = defineJobType({
  type: "soft_delete_cleanup",
  label: "Soft-Delete Cleanup",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "0 3 * * *", reach: "system" },
  description:
    "Hard-deletes resources soft-deleted more than 7 days ago: projects, apps and ingest keys, with everything they own (a project's events in batches, its attachment files, runs and store data).",
  paramsSchema: z.object({}).strict(),
});
