// The process's one connection pool, shared by Prisma (lib/db/prisma.ts), plain SQL and pg-boss
// (lib/db/boss-database.ts). Plain SQL is for what Prisma cannot express (a run row and its pg-boss
// job in one transaction, joins into pg-boss) and for hot paths where one statement matters.
import pg from "pg";
import { env } from "@/lib/env";
import { FencedClient } from "./fence";

/** The pool or one of its clients (inside a transaction): anything that can run a query. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

const globalForPool = globalThis as unknown as { taskdeckPool?: pg.Pool; taskdeckPoolName?: string };

/** Names this process's connections in pg_stat_activity (taskdeck-worker, taskdeck-cli…); call before the first query. */
export function namePoolConnections(applicationName: string): void {
  globalForPool.taskdeckPoolName = applicationName;
}

export function getPool(): pg.Pool {
  if (!globalForPool.taskdeckPool) {
    // FencedClient is plain pg outside a job handler; inside one it refuses writes once the run has
    // been ended elsewhere (lib/db/fence.ts).
    const pool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: env.DATABASE_POOL_SIZE,
      application_name: globalForPool.taskdeckPoolName ?? "taskdeck",
      Client: FencedClient,
    });
    // An idle connection the server closed (a restart, a failover) must not crash the process:
    // the pool drops it and opens a new one for the next query.
    pool.on("error", (error) => console.error(`[db] an idle connection was lost: ${error.message}`));
    // A checked-out connection the server drops (a restart, an outage) emits "error" too, and
    // unheard that would crash the process (a worker mid-transaction, issue 17). The query in flight
    // fails on its own, and the pool discards the connection when it comes back.
    pool.on("connect", (client) => client.on("error", () => undefined));
    globalForPool.taskdeckPool = pool;
  }
  return globalForPool.taskdeckPool;
}

export async function closePool(): Promise<void> {
  const pool = globalForPool.taskdeckPool;
  globalForPool.taskdeckPool = undefined;
  await pool?.end();
}

export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Takes a lock named `key` that the transaction holds until it commits or rolls back. */
export async function lockUntilCommit(client: pg.PoolClient, key: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
}

// pg-boss runs its statements on our transaction's connection through this adapter, so a job is
// created, retried or updated in the same transaction as our own rows.
export function bossDb(client: pg.PoolClient) {
  return { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) };
}
