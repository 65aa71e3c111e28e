// The server owner's health view (`taskdeck admin health`, issue 19): the workers as their
// heartbeats tell (worker/heartbeat.ts), how deep each queue is, and the run that has waited
// longest. A worker is live while its last beat is younger than three beats, gone after (killed,
// frozen, or cut off from the database), stopped once it said so.
import { getPool } from "@/lib/db/pool";

/** Silent beats after which a worker is reported gone. */
export const GONE_AFTER_BEATS = 3;

export type WorkerState = "live" | "gone" | "stopped";

// A worker is live while it has not stopped and its last beat is younger than three beats: the one
// rule for `admin health` and the overview's count.
const LIVE_SQL = `stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => heartbeat_seconds * ${GONE_AFTER_BEATS})`;

export interface WorkerHealth {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  state: WorkerState;
  queues: string[];
  concurrency: number;
  heartbeatSeconds: number;
  startedAt: string;
  heartbeatAt: string;
  /** Seconds since its last beat. */
  heartbeatAgeSeconds: number;
  stoppedAt: string | null;
  runningRunIds: string[];
}

export interface QueueDepth {
  /** A job type (a lane's types are listed each, though they share one pg-boss queue). */
  type: string;
  pending: number;
  running: number;
}

export interface Health {
  checkedAt: string;
  workers: WorkerHealth[];
  liveWorkers: number;
  queues: QueueDepth[];
  oldestWaiting: { runId: string; type: string; projectId: string | null; createdAt: string; waitingSeconds: number } | null;
}

interface WorkerRow {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  queues: string[];
  concurrency: number;
  heartbeat_seconds: number;
  started_at: Date;
  heartbeat_at: Date;
  stopped_at: Date | null;
  running_run_ids: string[];
  age: number;
  live: boolean;
}

/** Workers seen in the last `withinHours`, live first; queue depths; the longest-waiting run. */
export async function readHealth(withinHours = 24): Promise<Health> {
  const pool = getPool();
  const [workers, depths, oldest, now] = await Promise.all([
    pool.query<WorkerRow>(
      `SELECT id, hostname, pid, version, queues, concurrency, heartbeat_seconds, started_at, heartbeat_at, stopped_at, running_run_ids::text[] AS running_run_ids,
              extract(epoch FROM now() - heartbeat_at)::float8 AS age, (${LIVE_SQL}) AS live
         FROM workers WHERE heartbeat_at > now() - make_interval(hours => $1) ORDER BY heartbeat_at DESC`,
      [withinHours],
    ),
    // The active runs' partial index: pending and running runs only, whatever the history.
    pool.query<{ type: string; pending: number; running: number }>(
      `SELECT type, count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'running')::int AS running
         FROM job_runs WHERE status IN ('pending', 'running') GROUP BY type ORDER BY type`,
    ),
    pool.query<{ id: string; type: string; project_id: string | null; created_at: Date; waiting: number }>(
      `SELECT id, type, project_id, created_at, extract(epoch FROM now() - created_at)::float8 AS waiting
         FROM job_runs WHERE status = 'pending' ORDER BY created_at LIMIT 1`,
    ),
    pool.query<{ now: Date }>(`SELECT now() AS now`),
  ]);
  const listed = workers.rows.map((row): WorkerHealth => ({
    id: row.id,
    hostname: row.hostname,
    pid: row.pid,
    version: row.version,
    state: row.stopped_at ? "stopped" : row.live ? "live" : "gone",
    queues: row.queues,
    concurrency: row.concurrency,
    heartbeatSeconds: row.heartbeat_seconds,
    startedAt: row.started_at.toISOString(),
    heartbeatAt: row.heartbeat_at.toISOString(),
    heartbeatAgeSeconds: Math.round(row.age * 10) / 10,
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    runningRunIds: row.stopped_at ? [] : row.running_run_ids,
  }));
  const order: Record<WorkerState, number> = { live: 0, gone: 1, stopped: 2 };
  listed.sort((a, b) => order[a.state] - order[b.state]);
  const first = oldest.rows[0];
  return {
    checkedAt: now.rows[0]!.now.toISOString(),
    workers: listed,
    liveWorkers: listed.filter((worker) => worker.state === "live").length,
    queues: depths.rows,
    oldestWaiting: first ? { runId: first.id, type: first.type, projectId: first.project_id, createdAt: first.created_at.toISOString(), waitingSeconds: Math.round(first.waiting) } : null,
  };
}

/** How many workers are live now (the project overview's "no worker is running" warning). */
export async function liveWorkerCount(): Promise<number> {
  const { rows } = await getPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM workers WHERE ${LIVE_SQL}`);
  return rows[0]!.count;
}
