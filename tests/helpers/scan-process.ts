// A process that scans issues batch by batch and says so after each commit, for the test that
// kills a scan with SIGKILL mid-batch. Arguments: the settle instant (ms) and the batch size.
import { getPool, namePoolConnections } from "@/lib/db/pool";
import { scanBatch } from "@/lib/issues/scan";

namePoolConnections("issue-scan-child");
const [settledBefore, batchSize] = process.argv.slice(2).map(Number);
const client = await getPool().connect();
for (;;) {
  const batch = await scanBatch(client, new Date(settledBefore!), batchSize!);
  console.log(`batch ${batch?.events ?? 0}`);
  if (!batch) break;
}
client.release();
await getPool().end();
