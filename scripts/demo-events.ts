// npm run demo:events — about three months of demo traffic (sessions, screens, metrics, funnels,
// recurring errors, a few attachments) for the demo project's apps, sent to TASKDECK_URL
// (http://localhost:3000) through the ingest API with the demo ingest key. The apps' ids come from
// the database: DATABASE_URL, or the demo's embedded one. A project that has events already is
// left alone unless `--again` is given.
import "@/lib/runtime/require-node";
import { overrideEnv, parseCliEnv } from "@/lib/env";
import { closePool } from "@/lib/db/pool";
import { disconnectPrisma } from "@/lib/db/prisma";
import { describeFailure, describeSend, findDemoProject, sendDemoEvents } from "./lib/demo-events/demo-project";
import { embeddedDatabaseUrl } from "./lib/embedded-postgres";

const cli = parseCliEnv();
const baseUrl = cli.TASKDECK_URL ?? "http://localhost:3000";
overrideEnv({ DATABASE_URL: cli.DATABASE_URL ?? embeddedDatabaseUrl(cli.EMBEDDED_DB_PORT, "taskdeck") });

try {
  const project = await findDemoProject().finally(async () => {
    await disconnectPrisma();
    await closePool();
  });
  if (!project) throw new Error("no demo project (demo-app) in the database: run `npm start` in demo mode or `npm run db:seed` first");
  if (project.hasEvents && !process.argv.includes("--again")) {
    console.log("The demo project has events already; `npm run demo:events -- --again` sends another three months of them.");
  } else {
    console.log(`Sending demo events to ${baseUrl}…`);
    console.log(describeSend(await sendDemoEvents(baseUrl, project)));
  }
} catch (error) {
  console.error(`demo:events failed: ${describeFailure(error)}`);
  process.exitCode = 1;
}
