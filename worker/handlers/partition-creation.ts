// partition_creation (system, daily 04:00 UTC): this month's and the next months' partitions for
// the three event tables. Idempotent: a second run, or a second worker, creates nothing.
import { env } from "@/lib/env";
import { ensurePartitions, listPartitions, monthsAhead } from "@/lib/events/partitions";
import { eventTables } from "@/lib/events/tables";
import type { JobHandler } from "@/lib/jobs/handler";

const partitionCreation: JobHandler<"partition_creation"> = async (_params, context) => {
  const months = monthsAhead(new Date(), env.PARTITION_MONTHS_AHEAD);
  const total = months.length * eventTables.length;
  const created: string[] = [];
  let processed = 0;
  for (const table of eventTables) {
    if (context.isCancelled()) break;
    created.push(...(await ensurePartitions(months, [table])));
    processed += months.length;
    context.progress({ processed, total, message: created.length === 0 ? "Every partition already exists" : `Created ${created.join(", ")}` });
  }
  const partitions = await listPartitions();
  return {
    created,
    alreadyExisted: processed - created.length,
    months: months.map((month) => month.toISOString().slice(0, 7)),
    partitions: partitions.length,
  };
};

export default partitionCreation;
