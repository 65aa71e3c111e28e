// npm start — one command for the whole product: database, migrations, build, web and worker.
// Without DATABASE_URL it runs in demo mode: an embedded PostgreSQL under .data/ (kept between
// runs), the demo data on first run, and the local RevenueCat and App Store Connect sandboxes.
import "@/lib/runtime/require-node";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { childEnv, overrideEnv, parseLauncherEnv } from "@/lib/env";
import { closePool } from "@/lib/db/pool";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { demo, seedDemo } from "@/prisma/seed";
import { demoAppStoreProject, startAppStoreSandbox, type AppStoreSandbox } from "@/sandbox/appstore/server";
import { demoRevenueCatProject, startRevenueCatSandbox, type RevenueCatSandbox } from "@/sandbox/revenuecat/server";
import { ensureBuild } from "./lib/build";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-postgres";
import { prepareDatabase } from "./lib/prepare-database";
import { logAs, startProcess, waitForExit, waitForHttp, webArgs, workerArgs } from "./lib/processes";

const say = logAs("start");
const startedAt = Date.now();
const launcher = parseLauncherEnv();
const dev = process.argv.includes("--dev");
const demoMode = !launcher.DATABASE_URL;
const children: ChildProcess[] = [];
let worker: ChildProcess | undefined;
let database: EmbeddedDatabase | undefined;
let sandbox: RevenueCatSandbox | undefined;
let appStoreSandbox: AppStoreSandbox | undefined;
let stoppingSince: number | undefined;

async function shutdown(code: number): Promise<never> {
  // Ctrl-C reaches every process in the group, and npm may relay it once more: only a second
  // Ctrl-C pressed a moment later forces an immediate exit.
  if (stoppingSince !== undefined) {
    if (Date.now() - stoppingSince > 2000) {
      // Stop now: running jobs are abandoned (the next worker fails them as interrupted), but
      // nothing is left running, the database included.
      say("stopping now");
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      await database?.stop();
      process.exit(code);
    }
    return new Promise<never>(() => {});
  }
  stoppingSince = Date.now();
  say("stopping…");
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  // The worker lets running jobs finish for its grace period, then fails what is left with a clear
  // message; it is only killed if it overstays that by a wide margin.
  const workerGraceSeconds = launcher.WORKER_SHUTDOWN_GRACE_SECONDS;
  if (worker?.exitCode === null) say(`waiting up to ${workerGraceSeconds} s for running jobs to finish (Ctrl-C again to stop now)`);
  await Promise.all(children.map((child) => waitForExit(child, child === worker ? (workerGraceSeconds + 15) * 1000 : 20_000)));
  await sandbox?.close();
  await appStoreSandbox?.close();
  await database?.stop();
  say("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

// A secret that survives restarts, so sessions stay valid; generated once under .data/.
function nextAuthSecret(): string {
  if (launcher.NEXTAUTH_SECRET) return launcher.NEXTAUTH_SECRET;
  const file = ".data/nextauth-secret";
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    say("NEXTAUTH_SECRET is not set: generated one in .data/nextauth-secret");
  }
  return readFileSync(file, "utf8").trim();
}

try {
  const env = childEnv({
    PORT: String(launcher.PORT),
    NEXTAUTH_SECRET: nextAuthSecret(),
    // next-auth builds its redirect URLs from this; the default matches the address printed below.
    NEXTAUTH_URL: launcher.NEXTAUTH_URL ?? launcher.APP_URL ?? `http://localhost:${launcher.PORT}`,
  });
  let firstRun = false;
  if (demoMode) {
    firstRun = !existsSync(".data/postgres/PG_VERSION");
    say(`demo mode: no DATABASE_URL, using the embedded PostgreSQL in .data/postgres (port ${launcher.EMBEDDED_DB_PORT})`);
    database = await startEmbeddedPostgres({ dataDir: ".data/postgres", port: launcher.EMBEDDED_DB_PORT, detached: true });
    await database.createDatabase("taskdeck");
    env.DATABASE_URL = database.url("taskdeck");
    sandbox = await startRevenueCatSandbox({
      port: launcher.REVENUECAT_SANDBOX_PORT,
      projects: [demoRevenueCatProject],
      delayMs: launcher.REVENUECAT_SANDBOX_DELAY_MS,
    });
    env.REVENUECAT_API_URL = launcher.REVENUECAT_API_URL ?? sandbox.url;
    logAs("sandbox")(`RevenueCat sandbox on ${sandbox.url}`);
    appStoreSandbox = await startAppStoreSandbox({
      port: launcher.APP_STORE_SANDBOX_PORT,
      apps: [demoAppStoreProject],
      delayMs: launcher.APP_STORE_SANDBOX_DELAY_MS,
    });
    env.APP_STORE_CONNECT_API_URL = launcher.APP_STORE_CONNECT_API_URL ?? appStoreSandbox.url;
    logAs("sandbox")(`App Store Connect sandbox on ${appStoreSandbox.url}`);
  }
  const databaseUrl = env.DATABASE_URL!;
  overrideEnv({ DATABASE_URL: databaseUrl });
  await prepareDatabase(databaseUrl, say);
  if (demoMode && firstRun) {
    await seedDemo(prisma);
    say("seeded the demo data (team Acme, project Demo App)");
  }
  // The launcher itself keeps no connection open while web and worker run.
  await disconnectPrisma();
  await closePool();

  if (dev) {
    children.push(startProcess("web", ["node_modules/next/dist/bin/next", "dev", "--port", String(launcher.PORT)], { ...env, NODE_ENV: "development" }));
  } else {
    const build = ensureBuild(say);
    if (build.built) say(`built in ${build.seconds.toFixed(1)}s`);
    children.push(startProcess("web", webArgs(launcher.PORT), { ...env, NODE_ENV: "production" }));
  }
  worker = startProcess("worker", workerArgs, { ...env, NODE_ENV: dev ? "development" : "production" });
  children.push(worker);
  for (const child of children) {
    child.once("exit", (code, signal) => {
      if (stoppingSince !== undefined) return;
      say(`a process exited unexpectedly (code ${code ?? "-"}, signal ${signal ?? "-"}); stopping everything`);
      void shutdown(1);
    });
  }

  const url = `http://localhost:${launcher.PORT}`;
  await waitForHttp(`${url}/login`, 120_000);
  say(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)}s: open ${url}/login`);
  if (demoMode) say(`sign in as ${demo.admin.email} / ${demo.password} (or ${demo.member.email}, a member without job access)`);
  say("press Ctrl-C to stop web, worker and database");
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
