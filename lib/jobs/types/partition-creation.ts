// partition_creation: keeps the event tables' monthly partitions ahead of time.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const partitionCreation = defineJobType({
  type: "partition_creation",
  label: "Partition Creation",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "0 4 * * *", reach: "system" },
  description:
    "Creates monthly partitions for event tables: this month's and the next PARTITION_MONTHS_AHEAD months' (default 2) for events, metric events and funnel events. Idempotent; safe with several workers.",
  paramsSchema: z.object({}).strict(),
});
