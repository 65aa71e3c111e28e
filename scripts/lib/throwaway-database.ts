// A fresh, migrated database for a test or bench run: on TEST_DATABASE_URL's server when it is set,
// otherwise on an embedded PostgreSQL started for the run. Dropped or removed afterwards.
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

export async function createThrowawayDatabase(label: string): Promise<ThrowawayDatabase> {
  const name = `taskdeck_${label}_${process.pid}_${Date.now().toString(36)}`;
  const external = parseLauncherEnv().TEST_DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    await prepareDatabase(url.toString(), () => {});
    return {
      url: url.toString(),
      async dispose() {
        const client = new pg.Client({ connectionString: external });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "taskdeck-test-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: await freePort() });
  await server.createDatabase(name);
  const url = server.url(name);
  await prepareDatabase(url, () => {});
  return {
    url,
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
