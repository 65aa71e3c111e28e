// A test worker as a process of its own (the test catalog, one run at a time), for tests that
// freeze, cut off or kill a worker: `node --import tsx tests/helpers/worker-process.ts`. It logs
// like worker/index.ts ("worker ready" once it takes work) and stops on SIGTERM.
import { startTestWorker } from "./worker";

// TEST_HEARTBEAT_SECONDS: a short beat, for the health test's killed worker.
const worker = await startTestWorker({ concurrency: 1, sweepIntervalMs: 3_600_000, heartbeatSeconds: Number(process.env.TEST_HEARTBEAT_SECONDS ?? 10) });
process.once("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
