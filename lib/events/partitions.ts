// The event tables' monthly partitions: listing, creating (ahead by partition_creation, on demand
// by ingest) and dropping (retention_cleanup, db_pruning). Creating and dropping take one advisory
// lock, so several workers and web processes never race on the catalog, and a lock timeout, so a
// busy table makes the job retry rather than queue every insert behind it.
import type pg from "pg";
import { getPool, type Queryable } from "@/lib/db/pool";
import { addMonths, eventTables, monthStart, partitionName, type EventTable } from "./tables";

// Any fixed number: the one lock every partition change takes (pg_advisory_xact_lock).
const PARTITION_LOCK = 7_316_001;
// How long a partition change waits for the parent table before giving up (and retrying later).
const LOCK_TIMEOUT = "5s";

export interface Partition {
  table: EventTable;
  name: string;
  /** Inclusive lower bound: the first instant of the month. */
  from: Date;
  /** Exclusive upper bound: the first instant of the next month. */
  to: Date;
  bytes: number;
}

/** Every partition of the three tables, oldest first, with its bounds as PostgreSQL holds them. */
export async function listPartitions(db: Queryable = getPool()): Promise<Partition[]> {
  const { rows } = await db.query<{ table: EventTable; name: string; bound: string; bytes: string }>(
    `SELECT parent.relname AS table, child.relname AS name, pg_get_expr(child.relpartbound, child.oid) AS bound,
            pg_total_relation_size(child.oid) AS bytes
       FROM pg_inherits i
       JOIN pg_class parent ON parent.oid = i.inhparent
       JOIN pg_class child ON child.oid = i.inhrelid
       JOIN pg_namespace n ON n.oid = parent.relnamespace
      WHERE n.nspname = current_schema() AND parent.relname = ANY($1::text[])`,
    [eventTables],
  );
  const partitions = rows.flatMap((row) => {
    // FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')
    const match = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(row.bound);
    if (!match) return [];
    return [{ table: row.table, name: row.name, from: new Date(match[1]!), to: new Date(match[2]!), bytes: Number(row.bytes) }];
  });
  return partitions.sort((a, b) => a.from.getTime() - b.from.getTime() || a.table.localeCompare(b.table));
}

async function inLockedTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    await client.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_LOCK]);
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

const iso = (at: Date) => at.toISOString().replace("T", " ").replace(".000Z", "+00");

/**
 * Creates the partitions of `tables` for the months starting at `months` that do not exist yet;
 * returns the names it created. Idempotent, and safe with several callers at once: they take turns
 * on the lock and each sees what the one before created.
 */
export async function ensurePartitions(months: Date[], tables: readonly EventTable[] = eventTables): Promise<string[]> {
  if (months.length === 0 || tables.length === 0) return [];
  return inLockedTransaction(async (client) => {
    const wanted = tables.flatMap((table) => months.map((month) => ({ table, month: monthStart(month), name: partitionName(table, monthStart(month)) })));
    const { rows } = await client.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace`, [
      wanted.map((entry) => entry.name),
    ]);
    const existing = new Set(rows.map((row) => row.relname));
    const created: string[] = [];
    for (const entry of wanted) {
      if (existing.has(entry.name)) continue;
      await client.query(`CREATE TABLE "${entry.name}" PARTITION OF "${entry.table}" FOR VALUES FROM ('${iso(entry.month)}') TO ('${iso(addMonths(entry.month, 1))}')`);
      existing.add(entry.name);
      created.push(entry.name);
    }
    return created;
  });
}

/** This month's partitions and the next `ahead` months', for the three tables. */
export function monthsAhead(now: Date, ahead: number): Date[] {
  return Array.from({ length: ahead + 1 }, (_, index) => addMonths(now, index));
}

/**
 * Drops a partition and every row in it, if it still exists: instant, whatever its size, where
 * deleting its rows one by one would take minutes and leave dead tuples behind.
 */
export async function dropPartition(partition: Pick<Partition, "table" | "name">): Promise<boolean> {
  if (!eventTables.includes(partition.table) || !/^[a-z_]+_\d{4}_\d{2}$/.test(partition.name)) throw new Error(`Not an event partition: ${partition.name}`);
  return inLockedTransaction(async (client) => {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent
        WHERE child.relname = $1 AND parent.relname = $2 AND child.relnamespace = current_schema()::regnamespace`,
      [partition.name, partition.table],
    );
    if (rows.length === 0) return false;
    await client.query(`DROP TABLE "${partition.name}"`);
    return true;
  });
}
