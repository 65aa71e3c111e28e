// npm run web — the web app alone (build if needed, then `next start`), for scaling out.
// Needs DATABASE_URL and a migrated database (npm run db:migrate).
import "@/lib/runtime/require-node";
import { closePool, getPool } from "@/lib/db/pool";
import { childEnv, env } from "@/lib/env";
import { SecretKeyError } from "@/lib/secrets/seal";
import { checkStoredSecretsOnPool } from "@/lib/secrets/stored";
import { ensureBuild } from "./lib/build";
import { logAs, startProcess, waitForExit, webArgs } from "./lib/processes";

// A wrong TASKDECK_ENCRYPTION_KEY stops here, before the server starts answering with it.
try {
  await checkStoredSecretsOnPool(getPool());
} catch (error) {
  console.error(error instanceof SecretKeyError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
} finally {
  await closePool();
}
await ensureBuild(logAs("web"));
const web = startProcess("web", webArgs(env.PORT), childEnv({ NODE_ENV: "production" }));
const stop = () => {
  web.kill("SIGTERM");
  void waitForExit(web, 10_000).then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
web.once("exit", (code) => process.exit(code ?? 1));
