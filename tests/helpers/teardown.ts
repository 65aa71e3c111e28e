// What every integration file's afterAll does: stop what the file started (workers, sandboxes,
// servers), then the process's shared connections, so the next file starts clean.
import { disconnectPrisma } from "@/lib/db/prisma";
import { closePool } from "@/lib/db/pool";
import { stopSenderBoss } from "@/lib/jobs/queue";

type Started = { stop(): Promise<unknown> } | { close(): Promise<unknown> } | undefined;

export async function releaseAll(...started: Started[]): Promise<void> {
  for (const thing of started) {
    if (!thing) continue;
    await ("stop" in thing ? thing.stop() : thing.close());
  }
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
}
