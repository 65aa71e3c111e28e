// pg-boss setup shared by web, worker and scripts: one instance per process and the queue
// definitions for every catalog type.
import { PgBoss, type ConstructorOptions } from "pg-boss";
import { catalog, queueName, type JobTypeDefinition } from "@/lib/jobs/catalog";
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
export function queueOptionsFor(definition: JobTypeDefinition) {
  return {
    policy: definition.ordering === "lane" ? ("key_strict_fifo" as const) : ("standard" as const),
    retryLimit: 0,
    // Long syncs are legitimate (the seeds mention hours); the run row, not pg-boss's expiry,
    // is the source of truth for how a run ended.
    expireInSeconds: 60 * 60 * 23,
    // Workers refresh a heartbeat on active jobs; pg-boss fails a job whose worker went silent, which
    // is how a run held by a dead worker is found (worker/recovery.ts).
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}

export const HEARTBEAT_SECONDS = 10;

// Creates missing queues and brings existing ones up to date with the catalog.
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const definition of Object.values(catalog)) {
    const name = queueName(definition.type);
    const { policy, ...options } = queueOptionsFor(definition);
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, { policy, ...options });
  }
}
