// pg-boss setup shared by web, worker and scripts: one instance per process and the queue
// definitions for every catalog type.
import { PgBoss, type ConstructorOptions } from "pg-boss";
import { allJobTypes, LANE_QUEUE, queueName } from "@/lib/jobs/catalog";
import { env } from "@/lib/env";

export type BossRole = "web" | "worker" | "admin";

export function createBoss(role: BossRole, connectionString: string = env.DATABASE_URL): PgBoss {
  const options: ConstructorOptions = {
    connectionString,
    application_name: `taskdeck-${role}`,
    // Only the worker maintains pg-boss and fires cron schedules; web processes just send.
    supervise: role === "worker",
    schedule: role === "worker",
    max: role === "worker" ? 10 : 4,
    // Workers LISTEN for new jobs on notify-enabled queues, so a trigger starts within
    // milliseconds; polling stays as the fallback (pollingIntervalSeconds in worker/worker.ts).
    useListenNotify: role === "worker",
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
  if (pending) await (await pending).stop({ graceful: false, close: true });
}

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
    // Workers refresh a heartbeat on active jobs; pg-boss fails a job whose worker went silent, which
    // is how a run held by a dead worker is found (worker/recovery.ts).
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}

export const HEARTBEAT_SECONDS = 10;

export function queueNames(): string[] {
  return [...new Set(allJobTypes().map((definition) => queueName(definition.type)))];
}

// Creates missing queues and brings existing ones up to date with the catalog.
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of queueNames()) {
    const { policy, ...options } = queueOptions(name === LANE_QUEUE);
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, { policy, ...options });
  }
}
