// A worker's presence (issue 19, `taskdeck admin health`): its row in `workers` is written when it
// starts and refreshed every beat with the runs it is executing, in one statement; a graceful stop
// marks it stopped. A worker killed or frozen stops beating, and three silent beats make it gone.
// Outside any run, so the write fence (lib/db/fence.ts) never applies to it.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getPool } from "@/lib/db/pool";
import { outsideRun } from "@/lib/db/fence";
import packageJson from "@/package.json" with { type: "json" };

// Rows of workers that have not beaten for this long are deleted at the next worker's start.
const PRUNE_AFTER = "1 day";

export interface Heartbeat {
  id: string;
  stop(): Promise<void>;
}

export async function startHeartbeat(options: { queues: string[]; concurrency: number; intervalSeconds: number; runningRuns: () => string[] }): Promise<Heartbeat> {
  const id = randomUUID();
  const pool = getPool();
  await outsideRun(async () => {
    await pool.query(`DELETE FROM workers WHERE heartbeat_at < now() - $1::interval`, [PRUNE_AFTER]);
    await pool.query(
      `INSERT INTO workers (id, hostname, pid, version, queues, concurrency, heartbeat_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, hostname(), process.pid, packageJson.version, options.queues, options.concurrency, options.intervalSeconds],
    );
  });
  let beating = false;
  const timer = setInterval(() => {
    // A beat still in flight (a slow database) is not doubled up; a failed one is tried next beat.
    if (beating) return;
    beating = true;
    void outsideRun(() => pool.query(`UPDATE workers SET heartbeat_at = now(), running_run_ids = $2::uuid[] WHERE id = $1`, [id, options.runningRuns()]))
      .catch(() => undefined)
      .finally(() => (beating = false));
  }, options.intervalSeconds * 1000);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await outsideRun(() => pool.query(`UPDATE workers SET stopped_at = now(), running_run_ids = '{}' WHERE id = $1`, [id])).catch(() => undefined);
    },
  };
}
