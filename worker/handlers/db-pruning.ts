// db_pruning (system, hourly): while the database is over DB_SIZE_LIMIT_GB, drops the oldest event
// partition (never this month's) and measures again. Its final message names what it dropped, so
// the server owner's alert email does too.
import { env } from "@/lib/env";
import { forgetKnownPartitions } from "@/lib/events/ingest";
import { databaseSize, formatBytes, GIGABYTE, pruneToLimit } from "@/lib/events/pruning";
import type { JobHandler } from "@/lib/jobs/handler";

const dbPruning: JobHandler<"db_pruning"> = async (_params, context) => {
  if (env.DB_SIZE_LIMIT_GB === undefined) {
    const size = await databaseSize();
    context.progress({ message: `No size limit set (DB_SIZE_LIMIT_GB); the database is ${formatBytes(size)}` });
    return { limitBytes: null, sizeBytes: size, droppedPartitions: [] };
  }
  const limitBytes = Math.floor(env.DB_SIZE_LIMIT_GB * GIGABYTE);
  const result = await pruneToLimit({
    now: new Date(),
    limitBytes,
    isCancelled: context.isCancelled,
    onDropped: (name, size) => context.progress({ message: `Dropped ${name}; the database is now ${formatBytes(size)}` }),
  });
  if (result.droppedPartitions.length > 0) forgetKnownPartitions();
  const sizes = `${formatBytes(result.sizeBeforeBytes)} → ${formatBytes(result.sizeAfterBytes)} (limit ${formatBytes(limitBytes)})`;
  const message =
    result.droppedPartitions.length === 0
      ? result.stillOver
        ? `Over the limit with no partition older than this month to drop: ${sizes}`
        : `Under the limit: ${formatBytes(result.sizeAfterBytes)} of ${formatBytes(limitBytes)}`
      : `Dropped ${result.droppedPartitions.join(", ")}: ${sizes}${result.stillOver ? "; still over the limit" : ""}`;
  context.progress({ processed: result.droppedPartitions.length, total: result.droppedPartitions.length, message });
  return result;
};

export default dbPruning;
