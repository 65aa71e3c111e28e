// A worker: pg-boss handlers for every job type in the catalog, plus the stale-run sweep.
// worker/index.ts runs one as a process; integration tests start one in-process against the test
// database. Several may run against one database; nothing here is shared through memory.
import type { PgBoss } from "pg-boss";
import { catalog, queueName } from "@/lib/jobs/catalog";
import { createBoss, ensureQueues } from "@/lib/jobs/queue";
import { executeRun, failRunsHeldAtShutdown } from "./run-executor";
import { log } from "./logger";
import { recoverStaleRuns } from "./recovery";

export interface WorkerOptions {
  connectionString: string;
  concurrency: number;
  /** How long running handlers get to finish when the worker stops. */
  shutdownGraceMs?: number;
  sweepIntervalMs?: number;
}

export interface RunningWorker {
  boss: PgBoss;
  stop: () => Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  // Runs this worker is executing right now; whatever is left when shutdown times out is failed.
  const inFlight = new Set<string>();
  const boss = createBoss("worker", options.connectionString);
  boss.on("error", (error) => log("error", "pg-boss error", { error: error.message }));
  await boss.start();
  await ensureQueues(boss);

  // Runs left `running` by a worker that died are failed now, and checked again periodically.
  const sweep = async () => {
    const recovered = await recoverStaleRuns().catch((error: unknown) => {
      log("error", "stale-run sweep failed", { error: error instanceof Error ? error.message : String(error) });
      return [];
    });
    if (recovered.length > 0) log("warn", "failed runs left running by a stopped worker", { count: recovered.length });
  };
  await sweep();
  const sweepTimer = setInterval(() => void sweep(), options.sweepIntervalMs ?? 15_000);

  for (const definition of Object.values(catalog)) {
    await boss.work<{ runId: string }>(
      queueName(definition.type),
      { localConcurrency: options.concurrency, batchSize: 1, pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        if (!job) return;
        inFlight.add(job.data.runId);
        try {
          await executeRun(job.data.runId, { shutdownSignal: job.signal });
        } finally {
          inFlight.delete(job.data.runId);
        }
      },
    );
  }
  log("info", "worker ready", { jobTypes: Object.keys(catalog).length, concurrency: options.concurrency });

  return {
    boss,
    async stop() {
      clearInterval(sweepTimer);
      // Stop taking work and give running handlers time to finish.
      await boss.stop({ graceful: true, timeout: options.shutdownGraceMs ?? 15_000, close: true });
      const failed = await failRunsHeldAtShutdown([...inFlight]);
      if (failed > 0) log("warn", "runs failed at shutdown", { count: failed });
    },
  };
}
