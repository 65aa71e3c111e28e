// After the demo's first events arrive, its maintenance jobs and store syncs run once, so `taskdeck admin
// system-jobs runs` shows what each did without waiting for its night-time cron; the issue scan
// follows once the events have settled (lib/issues/scan.ts), turning the demo's errors into issues.
import { closePool } from "@/lib/db/pool";
import { disconnectPrisma } from "@/lib/db/prisma";
import { SETTLE_MS } from "@/lib/issues/scan";
import { jobs } from "@/lib/jobs/jobs";
import { stopSenderBoss } from "@/lib/jobs/queue";

const maintenance = ["partition_creation", "attachment_cleanup", "retention_cleanup", "db_pruning", "soft_delete_cleanup"] as const;
// The store and ads syncs' crons are at night: run them once too, so the Store and Revenue pages
// have ratings, reviews and campaigns.
const storeSyncs = ["app_store_ratings_sync", "app_store_connect_reviews_sync", "apple_ads_sync"] as const;

async function trigger(types: readonly string[]): Promise<string[]> {
  const triggered: string[] = [];
  try {
    for (const type of types) {
      // One already running (a worker's cron got there first) is fine.
      const run = await jobs.triggerFrom("system", { type, projectId: null, source: { kind: "admin_cli" } }).catch(() => null);
      if (run) triggered.push(type);
    }
  } finally {
    await stopSenderBoss();
    await disconnectPrisma();
    await closePool();
  }
  return triggered;
}

/** Triggers the maintenance jobs now and issue_scan once the demo's events are settled. */
export async function runDemoMaintenance(say: (line: string) => void, isStopping: () => boolean): Promise<void> {
  const triggered = await trigger([...maintenance, ...storeSyncs]);
  say(`ran the maintenance jobs and store syncs once for the demo (${triggered.join(", ")}); \`npx taskdeck admin system-jobs runs\` lists what they did`);
  const timer = setTimeout(() => {
    if (isStopping()) return;
    void trigger(["issue_scan"]).then(
      (done) => done.length > 0 && say("scanning the demo's error events into issues (issue_scan)"),
      (error: unknown) => say(`issue_scan could not be triggered: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, SETTLE_MS + 5000);
  timer.unref();
}
