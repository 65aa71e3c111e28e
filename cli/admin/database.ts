// The admin commands' database: DATABASE_URL, or in demo mode (no DATABASE_URL) the embedded
// PostgreSQL under .data/ that `npm start` uses. The embedded server is used where it runs, or
// started for the command and stopped afterwards; it is never stopped while `npm start` uses it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { defaultEnv, encryptionKeysEnv, overrideEnv, parseCliEnv } from "@/lib/env";
import { embeddedDatabaseUrl, startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { CliError, exitCodes } from "../exit-codes";

const root = path.resolve(import.meta.dirname, "../..");

// PostgreSQL's postmaster.pid holds the server's pid (line 1) and port (line 4) while it runs.
function runningServerPort(dataDir: string): number | null {
  try {
    const [pid, , , port] = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
    process.kill(Number(pid), 0);
    return Number(port) || null;
  } catch {
    return null;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1 FROM _prisma_migrations LIMIT 1");
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") {
      throw new CliError("The database has no Taskdeck tables yet: run `npm run db:migrate` (or `npm start` once)", exitCodes.unreachable);
    }
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function demoServices(): Record<string, string> {
  const file = path.join(root, ".data/demo-services.json");
  if (!existsSync(file)) return {};
  try {
    const services = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    return Object.fromEntries(Object.entries(services).filter(([, value]) => typeof value === "string"));
  } catch {
    // A damaged file: the CLI falls back to the configured (or default) service URLs.
    return {};
  }
}

/**
 * Points this process at the admin database (DATABASE_URL, read lazily by lib/env.ts)
 * and returns what to call when the command is done.
 */
export async function openAdminDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const env = parseCliEnv();
  if (env.DATABASE_URL) {
    if (!(await reachable(env.DATABASE_URL))) throw new CliError("Cannot reach the database at DATABASE_URL", exitCodes.unreachable);
    overrideEnv({ DATABASE_URL: env.DATABASE_URL });
    return { url: env.DATABASE_URL, close: async () => {} };
  }

  const dataDir = path.join(root, ".data/postgres");
  // A running demo server (npm start, whatever port it was given) is used as it is: starting
  // another one on the same directory would stop it under its web and worker.
  const running = runningServerPort(dataDir);
  const url = embeddedDatabaseUrl(running ?? env.EMBEDDED_DB_PORT, "taskdeck");
  // The demo's credentials are sealed with the key `npm start` keeps beside its database, and its
  // integrations point at the sandboxes `npm start` runs (what is set by hand wins).
  const demoKey = path.join(root, ".data/encryption-key");
  defaultEnv(demoServices());
  overrideEnv({
    DATABASE_URL: url,
    ...(existsSync(demoKey) && !encryptionKeysEnv().TASKDECK_ENCRYPTION_KEY ? { TASKDECK_ENCRYPTION_KEY: readFileSync(demoKey, "utf8").trim() } : {}),
  });
  if (await reachable(url)) return { url, close: async () => {} };
  if (running !== null) throw new CliError(`The demo database (port ${running}) is running but refuses connections`, exitCodes.unreachable);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new CliError("No DATABASE_URL, and no demo database under .data/ yet: run `npm start` once, or set DATABASE_URL", exitCodes.unreachable);
  }
  const server = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_DB_PORT });
  if (!(await reachable(url))) {
    await server.stop();
    throw new CliError("The demo database started but has no taskdeck database: run `npm start` once", exitCodes.unreachable);
  }
  return { url, close: () => server.stop() };
}
