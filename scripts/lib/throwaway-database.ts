// Fresh, migrated databases for test and bench runs: on TEST_DATABASE_URL's server when it is set,
// otherwise on an embedded PostgreSQL started for the run. Everything is dropped or removed
// afterwards. Copies of a migrated template take a fraction of a second, so every integration test
// file gets a database of its own and files run in parallel.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseLauncherEnv } from "@/lib/env";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";

export interface ThrowawayDatabase {
  url: string;
  dispose: () => Promise<void>;
}

export interface ThrowawayServer {
  /** A connection string for the server's maintenance database, to create and drop others. */
  adminUrl: string;
  /** Creates a migrated database and returns its URL. */
  createMigrated: (name: string) => Promise<string>;
  dispose: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A copy of `template` (which nobody may be connected to) named `name`. */
export async function copyDatabase(adminUrl: string, template: string, name: string): Promise<string> {
  await onServer(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function startThrowawayServer(label: string): Promise<ThrowawayServer> {
  const prefix = `taskdeck_${label}_${process.pid}_${Date.now().toString(36)}`;
  const created: string[] = [];
  const createMigrated = async (adminUrl: string, name: string) => {
    const full = `${prefix}_${name}`;
    await onServer(adminUrl, (client) => client.query(`CREATE DATABASE "${full}"`));
    created.push(full);
    const url = databaseUrl(adminUrl, full);
    await prepareDatabase(url, () => {});
    return url;
  };

  const external = parseLauncherEnv().TEST_DATABASE_URL;
  if (external) {
    return {
      adminUrl: external,
      createMigrated: (name) => createMigrated(external, name),
      // Databases copied from ours are named after them and go too.
      async dispose() {
        await onServer(external, async (client) => {
          const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
          for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        });
      },
    };
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "taskdeck-test-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: await freePort() });
  const adminUrl = server.url("postgres");
  return {
    adminUrl,
    createMigrated: (name) => createMigrated(adminUrl, name),
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One migrated database on a server of its own (the e2e stack, the bench). */
export async function createThrowawayDatabase(label: string): Promise<ThrowawayDatabase> {
  const server = await startThrowawayServer(label);
  try {
    return { url: await server.createMigrated("main"), dispose: server.dispose };
  } catch (error) {
    await server.dispose();
    throw error;
  }
}
