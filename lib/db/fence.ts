// Fencing (issue 17): a handler may write only while its run is `running`. A worker frozen past the
// stale-run window (SIGSTOP, a long GC pause, a VM migration) has its run failed by another worker,
// and a new run of the type may start; when the frozen one wakes, its handler must not write
// alongside the new run. The executor runs each handler inside `fencedRun`; every connection of the
// process's pool is a `FencedClient`, which, inside a fenced run, takes the fence before the first
// write of each transaction (and wraps a lone write in a transaction of its own):
//
//   SELECT … FROM job_runs WHERE id = $run AND status = 'running' FOR SHARE
//
// FOR SHARE conflicts with the UPDATE that ends a run, so the fence and the write commit while the
// run is still running, or the ending comes first and the write is refused with `RunFenced`. This
// covers Prisma (its driver adapter runs on this pool) and plain SQL alike, without every lib
// function taking a transaction. Reads are never fenced. The engine's own statements (claim,
// progress, ending, the watch) run outside the fence through `outsideRun`: each is conditional on
// the run's status already.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

export interface RunFence {
  runId: string;
  /** Set once the worker has seen the run ended elsewhere: writes are refused without asking the database. */
  endedElsewhere: string | null;
}

/** A write refused because the run it came from is no longer running here. */
export class RunFenced extends Error {
  constructor(readonly runId: string, detail?: string) {
    super(`Run ${runId} is no longer running here${detail ? ` (${detail})` : ""}: its handler may not write any more`);
    this.name = "RunFenced";
  }
}

const scope = new AsyncLocalStorage<RunFence>();

/** Runs `work` fenced by the run: its writes go through only while the run is `running`. */
export function fencedRun<T>(fence: RunFence, work: () => Promise<T>): Promise<T> {
  return scope.run(fence, work);
}

/** Runs engine code called from inside a handler (progress, the run's ending) outside its fence. */
export function outsideRun<T>(work: () => T): T {
  return scope.exit(work);
}

export function isRunFenced(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== "object" || error === null) return false;
  if (error instanceof RunFenced || (error as { name?: unknown }).name === "RunFenced") return true;
  const { cause, meta } = error as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
  return isRunFenced(cause, depth + 1) || isRunFenced(meta?.driverAdapterError, depth + 1);
}

// A frozen worker may hold the fence inside an open transaction: PostgreSQL ends that session after
// this long idle, so the lock cannot keep the stale-run sweep (which skips locked runs) away forever.
export const FENCED_IDLE_TIMEOUT_MS = 30_000;

const FENCE_SQL = `WITH run AS (SELECT 1 FROM job_runs WHERE id = $1 AND status = 'running' FOR SHARE)
  SELECT set_config('idle_in_transaction_session_timeout', $2, true) AS timeout, (SELECT count(*) FROM run)::int AS running`;

// Statement kinds, read from the statement's first word (and a CTE's body). A false positive costs
// one fence; a write hidden in a function call (SELECT do_write()) is not fenced, and none is used.
const WRITE = /^\s*(insert|update|delete|merge|copy|truncate|call)\b/i;
const CTE_WRITE = /^\s*with\b[\s\S]*\b(insert|update|delete|merge)\b/i;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const END = /^\s*(commit|end|abort|rollback(?!\s+to\b))\b/i;

function statementText(config: unknown): string | null {
  if (typeof config === "string") return config;
  if (typeof config === "object" && config !== null && typeof (config as { text?: unknown }).text === "string") {
    // A submittable (a cursor, a stream) has its own submit(); leave it alone.
    return typeof (config as { submit?: unknown }).submit === "function" ? null : (config as { text: string }).text;
  }
  return null;
}

const isWrite = (text: string) => WRITE.test(text) || CTE_WRITE.test(text);

/** The pool's client: plain pg outside a fenced run, fenced writes inside one. */
export class FencedClient extends pg.Client {
  private inTransaction = false;
  private fencedFor: string | null = null;

  // pg's query has a dozen overloads (promise, callback, submittable); ours keeps them all.
  override query(...args: unknown[]): never {
    const text = statementText(args[0]);
    const fence = scope.getStore();
    if (!fence || text === null || !isWrite(text)) {
      this.track(text);
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const callback = typeof args.at(-1) === "function" ? (args.pop() as (error: Error | null, result?: unknown) => void) : undefined;
    const result = this.fencedWrite(fence, () => (super.query as (...a: unknown[]) => Promise<unknown>)(...args));
    if (!callback) return result as never;
    result.then((value) => callback(null, value), (error: Error) => callback(error));
    return undefined as never;
  }

  // Whether this connection is inside a transaction, and whether that transaction holds the fence.
  private track(text: string | null) {
    if (text === null) return;
    if (BEGIN.test(text)) this.inTransaction = true;
    else if (END.test(text)) {
      this.inTransaction = false;
      this.fencedFor = null;
    }
  }

  private raw<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return (pg.Client.prototype.query as (this: pg.Client, sql: string, values?: unknown[]) => Promise<pg.QueryResult<R>>).call(this, sql, values);
  }

  private async fencedWrite(fence: RunFence, write: () => Promise<unknown>): Promise<unknown> {
    if (this.inTransaction) {
      // The first write of a transaction takes the fence; it holds until the transaction ends.
      if (this.fencedFor !== fence.runId) await this.takeFence(fence);
      return write();
    }
    // A lone write: a transaction of its own, fence first.
    await this.raw("BEGIN");
    try {
      await this.takeFence(fence);
      const result = await write();
      await this.raw("COMMIT");
      return result;
    } catch (error) {
      await this.raw("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      this.fencedFor = null;
    }
  }

  private async takeFence(fence: RunFence) {
    if (fence.endedElsewhere !== null) throw new RunFenced(fence.runId, fence.endedElsewhere);
    const { rows } = await this.raw<{ running: number }>(FENCE_SQL, [fence.runId, `${FENCED_IDLE_TIMEOUT_MS}ms`]);
    if (rows[0]?.running !== 1) throw new RunFenced(fence.runId, "it was ended elsewhere");
    this.fencedFor = fence.runId;
  }
}
