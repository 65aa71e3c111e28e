// A worker: pg-boss handlers for every type of its catalog, schedule occurrences, the email outbox
// and the stale-run sweep. worker/index.ts runs one with the product's catalog as a process;
// integration tests start them in-process with a catalog of test types. Several may run against
// one database; nothing here is shared through memory.
import type { PgBoss } from "pg-boss";
import { LANE_QUEUE, type Catalog } from "@/lib/jobs/define-catalog";
import { failOrphanedPendingRuns, failRunsHeldAtShutdown, recoverStaleRuns } from "@/lib/jobs/lifecycle";
import { createBoss, ensureQueues, HEARTBEAT_SECONDS } from "@/lib/jobs/queue";
import { OCCURRENCE_QUEUE, registerSchedules, type Occurrence } from "@/lib/jobs/schedules";
import { advanceBulkRetriesAfter, advanceOpenBulkRetries } from "@/lib/jobs/bulk";
import { createJobService } from "@/lib/jobs/service";
import { handleOccurrence } from "./occurrences";
import { createOutboxSender, type OutboxOptions } from "./outbox-sender";
import { executeRun, type Engine } from "./run-executor";
import { log } from "./logger";
import { startHeartbeat } from "./heartbeat";
import { RunWatch } from "./run-watch";

export interface WorkerOptions<C extends Catalog = Catalog> extends Engine<C> {
  concurrency: number;
  /** How long running handlers get to finish when the worker stops (SIGTERM). */
  shutdownGraceMs?: number;
  sweepIntervalMs?: number;
  /** How often the worker's row in `workers` says it is alive (default 10 s; WORKER_HEARTBEAT_SECONDS). */
  heartbeatSeconds?: number;
  outbox: OutboxOptions & { intervalMs?: number };
  pollingIntervalSeconds?: number;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Sends due emails now instead of at the next tick. */
  flushOutbox: () => Promise<number>;
  stop: () => Promise<void>;
}

// A run is stale when its job's heartbeat (refreshed every HEARTBEAT_SECONDS / 2) was silent this long.
export const STALE_AFTER_SECONDS = HEARTBEAT_SECONDS * 3;
export const RESTART_MESSAGE = "Server restarted during execution";
export const SHUTDOWN_MESSAGE = "Worker stopped during execution";
// A pending run whose queued job is gone would hold its type's slot forever (issue 17).
export const ORPHAN_GRACE_SECONDS = 60;
export const ORPHAN_MESSAGE = "Its queued job was lost before it could start, so it never ran; retry it to run it";

export async function startWorker<C extends Catalog>(options: WorkerOptions<C>): Promise<RunningWorker> {
  const { catalog } = options;
  // Runs this worker is executing right now; whatever is left when shutdown ends is failed.
  const inFlight = new Set<string>();
  const shutdown = new AbortController();
  const boss = createBoss("worker");
  boss.on("error", (error) => log("error", "pg-boss error", { error: error.message }));
  await boss.start();
  await ensureQueues(boss, catalog);
  await registerSchedules(boss, catalog);
  const service = createJobService(catalog, { boss: async () => boss });
  // One watch for every run this worker executes: one statement per tick, not one per run.
  const watch = new RunWatch();

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, task: () => Promise<unknown>, name: string) => {
    // A tick that is still running when the next comes is not doubled up (a slow outbox, a slow sweep).
    let running = false;
    const run = () => {
      if (running) return;
      running = true;
      void task()
        .catch((error: unknown) => log("error", `${name} failed`, { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => (running = false));
    };
    run();
    timers.push(setInterval(run, ms));
  };

  // Runs left `running` by a worker that died are failed now, and checked again periodically.
  every(
    options.sweepIntervalMs ?? 15_000,
    async () => {
      const recovered = await recoverStaleRuns(STALE_AFTER_SECONDS, RESTART_MESSAGE, catalog.label);
      if (recovered.length > 0) log("warn", "failed runs left running by a stopped worker", { count: recovered.length });
      const orphaned = await failOrphanedPendingRuns(ORPHAN_GRACE_SECONDS, ORPHAN_MESSAGE, catalog.label);
      if (orphaned.length > 0) log("warn", "failed pending runs whose queued job was lost", { count: orphaned.length, runIds: orphaned });
      // A group retry waiting on a run that ended in a worker that died before its step.
      await advanceOpenBulkRetries(service);
    },
    "stale-run sweep",
  );

  const outbox = createOutboxSender(options.outbox);
  const flushOutbox = async () => {
    let sent = 0;
    for (let batch = await outbox.sendDue(); batch > 0; batch = await outbox.sendDue()) sent += batch;
    return sent;
  };
  every(options.outbox.intervalMs ?? 2000, flushOutbox, "outbox");

  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 };
  // A lane job becomes fetchable when the one before it finishes, which sends no NOTIFY: the lane
  // queue polls at its normal interval instead of pg-boss's 30-second backstop for notify queues.
  const lanePollSeconds = Math.min(polling.pollingIntervalSeconds, 1);
  const lanePolling = { ...polling, pollingIntervalSeconds: lanePollSeconds, notifyPollingIntervalSeconds: lanePollSeconds };
  const runJob = (queue: string) => async ([job]: Array<{ data: { runId: string } }>) => {
    if (!job) return;
    // There may be more where this came from: one more idle slot looks (a chain that ends at the
    // first empty fetch), so a backlog fans out over the slots without any of them polling.
    wakeIdleSlot(boss, queue);
    inFlight.add(job.data.runId);
    try {
      await executeRun(job.data.runId, options, { shutdownSignal: shutdown.signal, watch });
    } finally {
      inFlight.delete(job.data.runId);
      fetchAgainAfterJob(boss, queue);
    }
    // The type is free again in the run's project: a group retry there retries its next run.
    await advanceBulkRetriesAfter(service, job.data.runId).catch((error: unknown) =>
      log("error", "group retry step failed", { runId: job.data.runId, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  for (const queue of catalog.queues()) {
    const queuePolling = queue === LANE_QUEUE ? lanePolling : polling;
    // Per queue, one slot polls (the scout); the others wait to be woken, by a NOTIFY when a job is
    // sent, by the scout's chain when it finds work, by their own job's end, and otherwise only
    // hourly. Idle slots cost nothing: an idle worker at concurrency 100 sends a few statements a
    // second, not one per slot per poll (issue 18).
    await boss.work<{ runId: string }>(queue, { ...queuePolling, localConcurrency: 1 }, runJob(queue));
    if (options.concurrency > 1) {
      await boss.work<{ runId: string }>(
        queue,
        { ...queuePolling, pollingIntervalSeconds: IDLE_SLOT_POLL_SECONDS, notifyPollingIntervalSeconds: IDLE_SLOT_POLL_SECONDS, localConcurrency: options.concurrency - 1 },
        runJob(queue),
      );
    }
  }
  await boss.work<Occurrence>(OCCURRENCE_QUEUE, polling, async ([job]) => {
    if (job) await handleOccurrence(service, job.data);
  });
  const heartbeat = await startHeartbeat({ queues: catalog.queues(), concurrency: options.concurrency, intervalSeconds: options.heartbeatSeconds ?? 10, runningRuns: () => [...inFlight] });
  log("info", "worker ready", { queues: catalog.queues().length, concurrency: options.concurrency, workerId: heartbeat.id });

  return {
    boss,
    flushOutbox,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      // Stop taking work, let running handlers finish within the grace period, then abort them.
      const grace = options.shutdownGraceMs ?? 30_000;
      const graceTimer = setTimeout(() => shutdown.abort(), grace);
      await boss.stop({ graceful: true, timeout: grace + 10_000 });
      clearTimeout(graceTimer);
      const failed = await failRunsHeldAtShutdown([...inFlight], SHUTDOWN_MESSAGE, catalog.label);
      if (failed > 0) log("warn", "runs failed at shutdown", { count: failed });
      outbox.close();
      await heartbeat.stop();
    },
  };
}

// An idle slot's own poll: a backstop only, since something always wakes it when there is work.
const IDLE_SLOT_POLL_SECONDS = 3600;

/** Wakes one slot of the queue that is waiting for work (none when every slot is busy). */
export function wakeIdleSlot(boss: PgBoss, queue: string): void {
  const idle = boss.getWipData().find((loop) => loop.name === queue && loop.count === 0);
  if (idle) boss.notifyWorker(idle.id);
}

// pg-boss waits a whole poll interval after every job unless a NOTIFY arrived meanwhile, and on a
// notify-enabled queue that interval is a 30-second backstop: a backlog left after a burst of
// triggers would drain at one run per fetch loop per 30 s. Waking the queue's busy loops makes each
// one fetch again as soon as its job ends; a fetch that finds nothing falls back to waiting.
export function fetchAgainAfterJob(boss: PgBoss, queue: string): void {
  for (const loop of boss.getWipData()) {
    if (loop.name === queue && loop.count > 0) boss.notifyWorker(loop.id);
  }
}
