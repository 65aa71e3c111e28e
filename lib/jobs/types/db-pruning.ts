// db_pruning: keeps the database under the server's size limit.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const dbPruning = defineJobType({
  type: "db_pruning",
  label: "Database Pruning",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "0 * * * *", reach: "system" },
  description:
    "Drops oldest event partitions when database exceeds size limit (DB_SIZE_LIMIT_GB), one at a time and never the current month's, until it is under; the result and the alert email name what was dropped.",
  paramsSchema: z.object({}).strict(),
});
