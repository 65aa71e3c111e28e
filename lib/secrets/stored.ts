// The sealed values in the database, checked at start and re-sealed by rotation. Each sealed column
// says how its rows name their context (lib/secrets/seal.ts). Values still in plain text (written by
// the migration that moved credentials out of their old tables, as "plain:<json>") are sealed by the
// first check that has a key.
import type pg from "pg";
import { open, seal, sealedWith, keyId, SecretKeyError, type SecretKeys, configuredKeys } from "./seal";

interface SealedColumn {
  table: string;
  column: string;
  /** SQL giving each row's context, as seal() and open() are given it in code. */
  context: string;
}

export const sealedColumns: SealedColumn[] = [
  { table: "integrations", column: "secrets", context: `'integration:' || project_id || ':' || kind` },
  { table: "webhooks", column: "secret", context: `'webhook:' || id` },
];

const PLAIN = "plain:";

interface StoredValue {
  column: SealedColumn;
  id: string;
  context: string;
  value: string;
}

async function storedValues(db: Pick<pg.PoolClient, "query">, lock = false): Promise<StoredValue[]> {
  const values: StoredValue[] = [];
  for (const column of sealedColumns) {
    const { rows } = await db.query<{ id: string; context: string; value: string }>(
      `SELECT id, ${column.context} AS context, ${column.column} AS value FROM ${column.table}${lock ? " FOR UPDATE" : ""}`,
    );
    values.push(...rows.map((row) => ({ column, ...row })));
  }
  return values;
}

async function store(db: Pick<pg.PoolClient, "query">, value: StoredValue, sealed: string): Promise<void> {
  await db.query(`UPDATE ${value.column.table} SET ${value.column.column} = $2 WHERE id = $1`, [value.id, sealed]);
}

export interface SecretsCheck {
  sealed: number;
  /** Sealed with a previous key: `taskdeck admin secrets rotate` re-seals them. */
  underPreviousKeys: number;
  /** Plain-text values this check sealed. */
  sealedNow: number;
}

/**
 * Fails, with what to do, when stored credentials cannot be opened with this process's keys (a
 * wrong TASKDECK_ENCRYPTION_KEY, or none), so a wrong key stops a process at start rather than a
 * job at 04:30. Seals plain-text values left by the migration when a key is set.
 */
export async function checkStoredSecrets(client: Pick<pg.ClientBase, "query">, keys: SecretKeys = configuredKeys()): Promise<SecretsCheck> {
  await client.query("BEGIN");
  try {
    const values = await storedValues(client, true);
    const plain = values.filter((value) => value.value.startsWith(PLAIN));
    const sealed = values.filter((value) => !value.value.startsWith(PLAIN));
    const needed = new Map<string, StoredValue>();
    for (const value of sealed) needed.set(sealedWith(value.value) ?? "unreadable", value);
    if ((sealed.length > 0 || plain.length > 0) && !keys.current) {
      throw new SecretKeyError(
        `${values.length} stored credential(s) need TASKDECK_ENCRYPTION_KEY, which is not set: set it to the key they were encrypted with${sealed.length ? ` (key ${[...needed.keys()].join(", ")})` : ""}`,
      );
    }
    // One value per key proves the key opens them (the id alone could be a coincidence).
    for (const [id, value] of needed) {
      try {
        open(value.value, value.context, keys);
      } catch (error) {
        const current = keys.current ? keyId(keys.current) : "none";
        throw new SecretKeyError(
          `Stored credentials were encrypted with key ${id}, but TASKDECK_ENCRYPTION_KEY is key ${current}: set the key they were made with, or put it in TASKDECK_ENCRYPTION_KEY_PREVIOUS and run \`taskdeck admin secrets rotate\` (${(error as Error).message})`,
        );
      }
    }
    for (const value of plain) await store(client, value, seal(value.value.slice(PLAIN.length), value.context, keys));
    await client.query("COMMIT");
    const current = keys.current ? keyId(keys.current) : null;
    return { sealed: sealed.length, underPreviousKeys: sealed.filter((value) => sealedWith(value.value) !== current).length, sealedNow: plain.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Re-seals every stored value under the current key, in one transaction; returns how many changed. */
export async function rotateStoredSecrets(client: Pick<pg.ClientBase, "query">, keys: SecretKeys = configuredKeys()): Promise<number> {
  if (!keys.current) throw new SecretKeyError("TASKDECK_ENCRYPTION_KEY (the new key) is not set");
  const current = keyId(keys.current);
  await client.query("BEGIN");
  try {
    let changed = 0;
    for (const value of await storedValues(client, true)) {
      if (sealedWith(value.value) === current) continue;
      const plaintext = value.value.startsWith(PLAIN) ? value.value.slice(PLAIN.length) : open(value.value, value.context, keys);
      await store(client, value, seal(plaintext, value.context, keys));
      changed += 1;
    }
    await client.query("COMMIT");
    return changed;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** For a process's start (worker, web): the check on a connection of the process's pool. */
export async function checkStoredSecretsOnPool(pool: { connect(): Promise<pg.PoolClient> }): Promise<SecretsCheck> {
  const client = await pool.connect();
  try {
    return await checkStoredSecrets(client);
  } finally {
    client.release();
  }
}
