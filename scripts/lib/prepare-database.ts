// Migrations for both halves of a database: Taskdeck's tables (SQL migrations) and pg-boss's schema
// with the queues of the catalog. A tool's own short-lived pg-boss, on the database it was given.
import { PgBoss } from "pg-boss";
import { migrate } from "@/lib/db/migrate";
import { catalog } from "@/lib/jobs/catalog";
import { ensureQueues } from "@/lib/jobs/queue";

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
}
