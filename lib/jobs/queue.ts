// pg-boss in every process, on the process's one pool (lib/db/boss-database.ts), and the queues a
// catalog needs.
import { PgBoss, type ConstructorOptions } from "pg-boss";
import { poolDatabase } from "@/lib/db/boss-database";
import { getPool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { LANE_QUEUE, type Catalog } from "./define-catalog";

export type BossRole = "web" | "worker" | "admin";

export function createBoss(role: BossRole): PgBoss {
  const options: ConstructorOptions = {
    db: poolDatabase(getPool(), env.DATABASE_URL),
    // Only the worker maintains pg-boss and fires cron schedules; web processes just send.
    supervise: role === "worker",
    schedule: role === "worker",
    // Workers LISTEN for new jobs on notify-enabled queues, so a trigger starts within
    // milliseconds; polling stays as the fallback (pollingIntervalSeconds in worker/worker.ts).
    useListenNotify: role === "worker",
    // Queue statistics and the queue cache feed pg-boss's warnings and burst fetching, which
    // Taskdeck does not use, and Taskdeck starts no job flows (dependencies): refreshed less often,
    // an idle worker sends a few statements a second, not six (issue 18). Supervision (expiry,
    // heartbeats, retention) keeps pg-boss's own pace.
    monitorIntervalSeconds: 300,
    queueCacheIntervalSeconds: 120,
    flowIntervalSeconds: 60,
  };
  return new PgBoss(options);
}

const globalForBoss = globalThis as unknown as { taskdeckBoss?: Promise<PgBoss> };

// The web process's sending instance, started once and reused by every request.
export function getSenderBoss(): Promise<PgBoss> {
  globalForBoss.taskdeckBoss ??= (async () => {
    const boss = createBoss("web");
    boss.on("error", (error) => console.error("[pg-boss]", error.message));
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    globalForBoss.taskdeckBoss = undefined;
    throw error;
  });
  return globalForBoss.taskdeckBoss;
}

export async function stopSenderBoss(): Promise<void> {
  const pending = globalForBoss.taskdeckBoss;
  globalForBoss.taskdeckBoss = undefined;
  if (pending) await (await pending).stop({ graceful: false });
}

export const HEARTBEAT_SECONDS = 10;

// Jobs never retry by themselves (semantics 5): a failed run waits for a person to retry it.
function queueOptions(lane: boolean) {
  return {
    // key_strict_fifo keyed by project: one lane job at a time per project, in trigger order, and a
    // failed job holds back the project's later jobs until it is retried or deleted (semantics 8).
    policy: lane ? ("key_strict_fifo" as const) : ("standard" as const),
    retryLimit: 0,
    notify: true,
    // A failed lane job is what keeps its lane paused, so lane jobs are kept much longer.
    deleteAfterSeconds: lane ? 60 * 60 * 24 * 90 : 60 * 60 * 24 * 7,
    // Long syncs are legitimate (the seeds mention hours); the run row, not pg-boss's expiry,
    // is the source of truth for how a run ended.
    expireInSeconds: 60 * 60 * 23,
    // Workers refresh a heartbeat on active jobs; a job whose worker went silent is how a run held
    // by a dead worker is found (lib/jobs/lifecycle/end.ts, recoverStaleRuns).
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}

// Creates missing queues and brings existing ones up to date with the catalog.
export async function ensureQueues(boss: PgBoss, catalog: Catalog): Promise<void> {
  for (const name of catalog.queues()) {
    const { policy, ...options } = queueOptions(name === LANE_QUEUE);
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, { policy, ...options });
  }
}
