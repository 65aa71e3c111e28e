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
import { newKey } from "@/lib/secrets/seal";
import { startSandboxes, type RunningSandboxes } from "@/sandbox/registry";
import { ensureBuild } from "./lib/build";
import { describeFailure, describeSend, findDemoProject, sendDemoEvents, type DemoProject } from "./lib/demo-events/demo-project";
import { runDemoMaintenance } from "./lib/demo-events/maintenance";
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
let sandboxes: RunningSandboxes | undefined;
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
  await sandboxes?.close();
  await database?.stop();
  say("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

// A secret that survives restarts, generated once under .data/ (sessions stay valid, sealed
// credentials stay readable).
function keptSecret(file: string, name: string, make: () => string): string {
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, make(), { mode: 0o600 });
    say(`${name} is not set: generated one in ${file}`);
  }
  return readFileSync(file, "utf8").trim();
}

const demoServicesFile = ".data/demo-services.json";
const nextAuthSecret = () => launcher.NEXTAUTH_SECRET ?? keptSecret(".data/nextauth-secret", "NEXTAUTH_SECRET", () => randomBytes(32).toString("base64url"));

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
    // The demo's credentials are sealed with a key kept beside its database.
    env.TASKDECK_ENCRYPTION_KEY = launcher.TASKDECK_ENCRYPTION_KEY ?? keptSecret(".data/encryption-key", "TASKDECK_ENCRYPTION_KEY", newKey);
    sandboxes = await startSandboxes({
      revenuecat: { port: launcher.REVENUECAT_SANDBOX_PORT, delayMs: launcher.REVENUECAT_SANDBOX_DELAY_MS },
      appStore: { port: launcher.APP_STORE_SANDBOX_PORT, delayMs: launcher.APP_STORE_SANDBOX_DELAY_MS },
      appleAds: { port: launcher.APPLE_ADS_SANDBOX_PORT },
      itunes: { port: launcher.ITUNES_SANDBOX_PORT, delayMs: launcher.ITUNES_SANDBOX_DELAY_MS },
      ai: { port: launcher.AI_SANDBOX_PORT },
      webhooks: { port: launcher.WEBHOOK_SANDBOX_PORT },
    });
    // A URL set by hand wins over its sandbox's.
    for (const [name, url] of Object.entries(sandboxes.env)) env[name] = launcher[name as keyof typeof launcher]?.toString() ?? url;
    for (const line of sandboxes.lines) logAs("sandbox")(line);
    // Everything the demo talks to runs on localhost.
    env.ALLOW_PRIVATE_NETWORK_URLS = "true";
    // A size limit, so db_pruning has one to report against (set by hand, it wins).
    env.DB_SIZE_LIMIT_GB ||= "5";
    // The admin CLI, run beside the demo, talks to the same sandboxes (cli/admin/database.ts).
    const services = Object.fromEntries([...Object.keys(sandboxes.env), "ALLOW_PRIVATE_NETWORK_URLS"].map((name) => [name, env[name]]));
    writeFileSync(demoServicesFile, `${JSON.stringify(services, null, 2)}\n`);
  }
  const databaseUrl = env.DATABASE_URL!;
  overrideEnv({ DATABASE_URL: databaseUrl, ...(env.TASKDECK_ENCRYPTION_KEY ? { TASKDECK_ENCRYPTION_KEY: env.TASKDECK_ENCRYPTION_KEY } : {}) });
  await prepareDatabase(databaseUrl, say);
  if (demoMode && firstRun) {
    await seedDemo(prisma);
    say("seeded the demo data (team Acme, project Demo App)");
  }
  // The demo's events are sent through the ingest API once web answers, unless it has some (a restart).
  let demoEvents: DemoProject | null = null;
  if (demoMode) {
    demoEvents = await findDemoProject().catch((error: unknown) => {
      say(`demo events: the demo project could not be read: ${describeFailure(error)}`);
      return null;
    });
  }
  // The launcher itself keeps no connection open while web and worker run.
  await disconnectPrisma();
  await closePool();

  if (dev) {
    children.push(startProcess("web", ["node_modules/next/dist/bin/next", "dev", "--port", String(launcher.PORT)], { ...env, NODE_ENV: "development" }));
  } else {
    const build = await ensureBuild(say);
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
  if (demoEvents && !demoEvents.hasEvents) {
    say("sending about three months of demo events for the demo apps…");
    // Without them the product still works: say why, and how to try again.
    try {
      say(describeSend(await sendDemoEvents(url, demoEvents)));
      await runDemoMaintenance(say, () => stoppingSince !== undefined);
    } catch (error) {
      if (stoppingSince === undefined) say(`demo events were not sent: ${describeFailure(error)}; the product runs without them (\`npm run demo:events -- --again\` sends them)`);
    }
  }
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
