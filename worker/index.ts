// The worker process (`npm run worker`, or started by `npm start`): the product's catalog and
// handlers, as many processes as you like against one database.
import "@/lib/runtime/require-node";
import { getEnv, EnvError } from "@/lib/env";
import { closePool, getPool, namePoolConnections } from "@/lib/db/pool";
import { disconnectPrisma } from "@/lib/db/prisma";
import { catalog } from "@/lib/jobs/catalog";
import { SecretKeyError } from "@/lib/secrets/seal";
import { checkStoredSecretsOnPool } from "@/lib/secrets/stored";
import { handlers } from "./handlers";
import { log } from "./logger";
import { startWorker } from "./worker";

let config;
try {
  config = getEnv();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}

namePoolConnections("taskdeck-worker");
// A wrong TASKDECK_ENCRYPTION_KEY stops the worker here, rather than each job that needs a credential.
try {
  await checkStoredSecretsOnPool(getPool());
} catch (error) {
  console.error(error instanceof SecretKeyError ? `Cannot start: ${error.message}` : error);
  await closePool();
  process.exit(1);
}
// Signals are handled from before the start: a SIGTERM that arrives while the worker starts (or
// just as it says it is ready) still stops it gracefully instead of killing it outright.
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log("info", "worker stopping", { signal });
  await (await worker).stop();
  await disconnectPrisma();
  await closePool();
  log("info", "worker stopped");
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

const worker = startWorker({
  catalog,
  handlers,
  concurrency: config.WORKER_CONCURRENCY,
  shutdownGraceMs: config.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
  heartbeatSeconds: config.WORKER_HEARTBEAT_SECONDS,
  outbox: { smtpUrl: config.SMTP_URL, from: config.EMAIL_FROM },
});
await worker;
