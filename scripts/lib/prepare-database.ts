// Migrations for both halves of the database: Taskdeck's tables (SQL migrations) and pg-boss's
// schema with one queue per job type.
import { migrate } from "@/lib/db/migrate";
import { createBoss, ensureQueues } from "@/lib/jobs/queue";

export async function prepareDatabase(connectionString: string, log: (line: string) => void): Promise<void> {
  const result = await migrate(connectionString, log);
  log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place`);
  const boss = createBoss("admin", connectionString);
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
