// Migrations for both halves of a database: Taskdeck's tables (SQL migrations) and pg-boss's schema
// with the queues of the catalog (a tool's own short-lived pg-boss, on the database it was given);
// then the stored credentials are checked against TASKDECK_ENCRYPTION_KEY, and any the migrations
// left in plain text are sealed.
import pg from "pg";
import { PgBoss } from "pg-boss";
import { migrate } from "@/lib/db/migrate";
import { catalog } from "@/lib/jobs/catalog";
import { ensureQueues } from "@/lib/jobs/queue";
import { checkStoredSecrets } from "@/lib/secrets/stored";

export async function prepareDatabase(connectionString: string, log: (line: string) => void): Promise<void> {
  const result = await migrate(connectionString, log);
  log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place`);
  const boss = new PgBoss({ connectionString, supervise: false, schedule: false, max: 2, application_name: "taskdeck-migrate" });
  await boss.start();
  try {
    await ensureQueues(boss, catalog);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const secrets = await checkStoredSecrets(client);
    if (secrets.sealedNow > 0) log(`credentials: sealed ${secrets.sealedNow} stored in plain text`);
    if (secrets.underPreviousKeys > 0) log(`credentials: ${secrets.underPreviousKeys} still sealed with a previous key; run \`taskdeck admin secrets rotate\``);
  } finally {
    await client.end();
  }
}
