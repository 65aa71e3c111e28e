// The job engine section of `npm run bench`: Taskdeck's job engine against a bare pg-boss
// send → work loop, measured in the same run on the same database with the same worker settings
// (issue 3, point 10):
//   (a) pickup latency, trigger → handler start, p50/p99 over sequential runs;
//   (b) throughput of a no-op job type with all bookkeeping, in runs per second;
//   (c) database writes per run for a handler that calls progress() 10,000 times.
// Imported by scripts/bench.ts once DATABASE_URL points at the bench's database.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { PgBoss } from "pg-boss";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { defineCatalog } from "@/lib/jobs/define-catalog";
import type { JobContext } from "@/lib/jobs/handler";
import { ensureQueues, getSenderBoss, stopSenderBoss } from "@/lib/jobs/queue";
import { createJobService } from "@/lib/jobs/service";
import { fetchAgainAfterJob, startWorker } from "@/worker/worker";

const CONCURRENCY = 10;
const POLLING_SECONDS = 2;
// Throughput runs in this many rounds, alternating which side goes first.
const THROUGHPUT_ROUNDS = 6;

export interface EngineOptions {
  databaseUrl: string;
  pickupRuns: number;
  throughputRuns: number;
}

export interface EngineSection {
  table: string;
  /** The engine's part of docs/benchmarks.md (the file's head), for a machine description. */
  markdown: (machine: string) => string;
}

export async function benchEngine({ databaseUrl, pickupRuns, throughputRuns }: EngineOptions): Promise<EngineSection> {
  // Handlers record when they start, keyed by run id (ours) or payload key (baseline). A handler can
  // start before the trigger call even returns, so arrivals are kept for waiters that come later.
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  function arrive(key: string): void {
    const at = performance.now();
    arrivals.set(key, at);
    waiters.get(key)?.(at);
  }
  function arrival(key: string): Promise<number> {
    const at = arrivals.get(key);
    return at === undefined ? new Promise((resolve) => waiters.set(key, resolve)) : Promise.resolve(at);
  }
  let baselineHandled = 0;

  // The bench's own catalog: two project types whose handlers do nothing but bookkeeping.
  const noParams = z.object({}).strict();
  const bench = { scope: "project", ordering: "independent", description: "bench", paramsSchema: noParams } as const;
  const benchCatalog = defineCatalog({
    bench_noop: { ...bench, type: "bench_noop", label: "Bench no-op" },
    bench_progress: { ...bench, type: "bench_progress", label: "Bench progress" },
  });
  const benchHandlers = {
    bench_noop: async () => ({
      default: async (_params: unknown, context: JobContext) => {
        arrive(context.runId);
        return null;
      },
    }),
    bench_progress: async () => ({
      default: async (_params: unknown, context: JobContext) => {
        // 10,000 reports spread over about two seconds, as a real sync would make them.
        for (let processed = 1; processed <= 10_000; processed += 1) {
          context.progress({ processed, total: 10_000, message: `item ${processed}` });
          if (processed % 50 === 0) await sleep(10);
        }
        return null;
      },
    }),
  };
  const benchJobs = createJobService(benchCatalog);
  const triggerJob = (request: Parameters<typeof benchJobs.trigger>[0]) => benchJobs.trigger(request);

  const sender = await getSenderBoss();
  await ensureQueues(sender, benchCatalog);
  const worker = await startWorker({
    catalog: benchCatalog,
    handlers: benchHandlers,
    concurrency: CONCURRENCY,
    pollingIntervalSeconds: POLLING_SECONDS,
    sweepIntervalMs: 60_000,
    outbox: { from: "bench@localhost", intervalMs: 60_000 },
  });

  // The baseline: pg-boss alone, configured like our worker (LISTEN/NOTIFY, same polling and
  // concurrency, and the same fetch-again-after-a-job that keeps a backlog draining).
  const baseline = new PgBoss({ connectionString: databaseUrl, useListenNotify: true, supervise: false, schedule: false, max: 10 });
  await baseline.start();
  await baseline.createQueue("bench_baseline", { retryLimit: 0, notify: true });
  await baseline.work<{ key: string }>(
    "bench_baseline",
    { localConcurrency: CONCURRENCY, batchSize: 1, pollingIntervalSeconds: POLLING_SECONDS },
    async ([job]) => {
      if (!job) return;
      arrive(job.data.key);
      baselineHandled += 1;
      fetchAgainAfterJob(baseline, "bench_baseline");
    },
  );

  const team = await prisma.team.create({ data: { name: "Bench", slug: "bench" } });
  async function createProjects(count: number, prefix: string): Promise<string[]> {
    const rows = Array.from({ length: count }, (_, index) => ({ teamId: team.id, name: `${prefix} ${index}`, slug: `${prefix}-${index}` }));
    await prisma.project.createMany({ data: rows });
    const projects = await prisma.project.findMany({ where: { slug: { startsWith: `${prefix}-` } }, select: { id: true } });
    return projects.map((project) => project.id);
  }

  function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]!);
    }));
  }

  console.log(`pickup latency: ${pickupRuns} sequential runs each…`);
  const pickupProjects = await createProjects(pickupRuns, "pickup");
  // One run each first as a warm-up, so neither side pays for cold connections.
  const [warmupProject] = await createProjects(1, "warmup");
  await arrival((await triggerJob({ type: "bench_noop", projectId: warmupProject!, source: { kind: "admin_cli" } })).id);
  await baseline.send("bench_baseline", { key: "warmup" });
  await arrival("warmup");

  // Interleaved, one of each in turn, so load on the shared machine lands on both sides alike.
  const oursPickup: number[] = [];
  const basePickup: number[] = [];
  for (const [index, projectId] of pickupProjects.entries()) {
    let begin = performance.now();
    const run = await triggerJob({ type: "bench_noop", projectId, source: { kind: "admin_cli" } });
    oursPickup.push((await arrival(run.id)) - begin);
    const key = `pickup-${index}`;
    begin = performance.now();
    await baseline.send("bench_baseline", { key });
    basePickup.push((await arrival(key)) - begin);
  }

  console.log(`throughput: ${throughputRuns} no-op runs each…`);
  const throughputProjects = await createProjects(throughputRuns, "throughput");
  // Completion is read from the (status, type) index, so watching costs next to nothing.
  const completedNoops = () => prisma.jobRun.count({ where: { type: "bench_noop", status: "completed" } });
  // In rounds that alternate which side goes first, each side's rate per round, and the ratio of
  // each round's pair: the spread of those ratios says how much the machine's load moved them.
  async function oursRound(projects: string[]): Promise<number> {
    const before = await completedNoops();
    const begin = performance.now();
    await inParallel(projects, 20, (projectId) => triggerJob({ type: "bench_noop", projectId, source: { kind: "admin_cli" } }));
    while ((await completedNoops()) - before < projects.length) await sleep(100);
    return projects.length / ((performance.now() - begin) / 1000);
  }
  async function baseRound(keys: string[]): Promise<number> {
    const before = baselineHandled;
    const begin = performance.now();
    await inParallel(keys, 20, (key) => baseline.send("bench_baseline", { key }));
    while (baselineHandled - before < keys.length) await sleep(20);
    return keys.length / ((performance.now() - begin) / 1000);
  }
  const perRound = Math.ceil(throughputRuns / THROUGHPUT_ROUNDS);
  const rounds: Array<{ ours: number; base: number }> = [];
  for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
    const projects = throughputProjects.slice(round * perRound, (round + 1) * perRound);
    const keys = projects.map((_, index) => `tp-${round}-${index}`);
    if (round % 2 === 0) {
      const ours = await oursRound(projects);
      rounds.push({ ours, base: await baseRound(keys) });
    } else {
      const base = await baseRound(keys);
      rounds.push({ ours: await oursRound(projects), base });
    }
  }

  console.log("progress writes: one run calling progress() 10,000 times…");
  await getPool().query(`
    CREATE TABLE bench_writes (run_id uuid, at timestamptz DEFAULT clock_timestamp(), progress boolean);
    CREATE FUNCTION bench_count_write() RETURNS trigger AS $$
      BEGIN INSERT INTO bench_writes (run_id, progress) VALUES (NEW.id,
        TG_OP = 'UPDATE' AND (OLD.progress_processed IS DISTINCT FROM NEW.progress_processed OR OLD.progress_message IS DISTINCT FROM NEW.progress_message));
      RETURN NEW; END; $$ LANGUAGE plpgsql;
    CREATE TRIGGER bench_count_writes AFTER INSERT OR UPDATE ON job_runs FOR EACH ROW EXECUTE FUNCTION bench_count_write();`);
  const [progressProject] = await createProjects(1, "progress");
  const progressRun = await triggerJob({ type: "bench_progress", projectId: progressProject!, source: { kind: "admin_cli" } });
  let finished;
  do {
    await sleep(100);
    finished = await prisma.jobRun.findUniqueOrThrow({ where: { id: progressRun.id } });
  } while (finished.status !== "completed");
  const { rows: writeRows } = await getPool().query<{ writes: number; progress_writes: number }>(
    `SELECT count(*)::int AS writes, count(*) FILTER (WHERE progress)::int AS progress_writes FROM bench_writes WHERE run_id = $1`,
    [progressRun.id],
  );
  const handlerSeconds = (finished.finishedAt!.getTime() - finished.startedAt!.getTime()) / 1000;
  const writes = writeRows[0]!;
  const progressPerSecond = writes.progress_writes / handlerSeconds;

  await worker.stop();
  await baseline.stop({ graceful: false, close: true });
  await stopSenderBoss();

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const ratio = (ours: number, base: number) => `${(ours / base).toFixed(2)}×`;
  const median = (values: number[]) => percentile(values, 50);
  const oursRate = median(rounds.map((round) => round.ours));
  const baseRate = median(rounds.map((round) => round.base));
  const roundRatios = rounds.map((round) => round.ours / round.base);
  const spread = `${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}×`;
  const pickupRatios = [25, 50, 75].map((p) => percentile(oursPickup, p) / percentile(basePickup, p));
  const p50 = [percentile(oursPickup, 50), percentile(basePickup, 50)] as const;
  const p99 = [percentile(oursPickup, 99), percentile(basePickup, 99)] as const;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

  const table = [
    "| Measure | Taskdeck | Bare pg-boss | Ratio | Target |",
    "| --- | --- | --- | --- | --- |",
    `| Pickup latency p50 (trigger → handler start, ${pickupRuns} sequential, interleaved with the baseline) | ${ms(p50[0])} | ${ms(p50[1])} | ${ratio(p50[0], p50[1])} | ≤ 25 ms and ≤ 2× baseline: ${verdict(p50[0] <= 25 && p50[0] <= 2 * p50[1])} |`,
    `| Pickup latency p99 | ${ms(p99[0])} | ${ms(p99[1])} | ${ratio(p99[0], p99[1])} | |`,
    `| Pickup ratio at p25 / p50 / p75 (the spread) | | | ${pickupRatios.map((value) => value.toFixed(2)).join(" / ")}× | |`,
    `| Throughput, no-op job (${throughputRuns} runs in ${THROUGHPUT_ROUNDS} alternating rounds, ${CONCURRENCY} concurrent; median round) | ${oursRate.toFixed(0)} runs/s | ${baseRate.toFixed(0)} jobs/s | ${ratio(oursRate, baseRate)} (rounds ${spread}) | ≥ 0.5× baseline: ${verdict(oursRate >= 0.5 * baseRate)} |`,
    `| Database writes for one run calling progress() 10,000 times (${handlerSeconds.toFixed(1)} s) | ${writes.writes} (${writes.progress_writes} progress) | n/a | n/a | |`,
    `| Progress writes per second per run | ${progressPerSecond.toFixed(1)} | n/a | n/a | ≤ 4: ${verdict(progressPerSecond <= 4)} |`,
  ].join("\n");

  return {
    table,
    markdown: (machine) =>
      [
        "# Benchmarks",
        "",
        "Produced by `npm run bench -- --write`: Taskdeck's trigger → worker → run bookkeeping against a bare",
        "pg-boss `send` → `work` loop, in the same run, on the same throwaway database, with the same",
        `worker settings (LISTEN/NOTIFY, ${POLLING_SECONDS} s polling fallback, ${CONCURRENCY} concurrent, batch size 1).`,
        "",
        `Run on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.`,
        "These machines are shared and noisy; compare the ratios, not the absolute numbers.",
        "",
        table,
        "",
        "## Reading the numbers",
        "",
        "- Per run, Taskdeck makes seven statements besides pg-boss's fetch: `BEGIN`, the `job_runs` INSERT",
        "  (returning the run), pg-boss's job INSERT, `COMMIT`, the claim UPDATE (pending → running), the finish",
        "  UPDATE and pg-boss's completion. The baseline makes two besides the fetch: the job INSERT and the",
        "  completion. A run that owes emails adds a transaction around the finish and its outbox rows.",
        "- Every NOTIFY wakes every fetch loop of a queue (pg-boss's design), on both sides alike.",
        "- Progress: one write at the first report, then at most one per 500 ms, then the final state; the",
        "  other writes are the run's INSERT, claim and finish.",
        "- See docs/decisions/004-worker-hot-path.md for why the executor uses plain SQL and why a worker",
        "  fetches again as soon as a job ends.",
        "",
      ].join("\n"),
  };
}
