// job_runs_cleanup (system, daily): deletes finished runs past their retention, in batches so no
// single statement holds locks for long, reporting progress as it goes.
import { getPool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import type { JobHandler } from "@/lib/jobs/handler";
import { countExpiredRuns, deleteExpiredRuns } from "@/lib/jobs/lifecycle";
import { deleteOldNotifications } from "@/lib/notify/outbox";
import { plural } from "@/lib/plural";

const BATCH_SIZE = 500;

const jobRunsCleanup: JobHandler<"job_runs_cleanup"> = async (_params, context) => {
  const retention = { days: env.RUN_RETENTION_DAYS, failedDays: env.FAILED_RUN_RETENTION_DAYS };
  const total = await countExpiredRuns(retention);
  let deleted = 0;
  context.progress({ processed: 0, total, message: `${plural(total, "run")} past retention` });
  while (deleted < total && !context.isCancelled()) {
    const batch = await deleteExpiredRuns(retention, BATCH_SIZE);
    if (batch === 0) break;
    deleted += batch;
    context.progress({ processed: deleted, total, message: `Deleted ${deleted} of ${plural(total, "run")}` });
  }
  const skips = await getPool().query(`DELETE FROM schedule_skips WHERE occurred_at < now() - make_interval(days => $1)`, [retention.days]);
  // Notifications and their delivery logs are kept as long as completed runs.
  let notificationsDeleted = 0;
  while (!context.isCancelled()) {
    const batch = await deleteOldNotifications(getPool(), retention.days, BATCH_SIZE);
    notificationsDeleted += batch;
    if (batch < BATCH_SIZE) break;
  }
  return { deleted, scheduleSkipsDeleted: skips.rowCount ?? 0, notificationsDeleted, retentionDays: retention.days, failedRetentionDays: retention.failedDays };
};

export default jobRunsCleanup;
