// An in-process worker on the test database, with test-friendly defaults.
import { startWorker, type RunningWorker, type WorkerOptions } from "@/worker/worker";

export function startTestWorker(overrides: Partial<WorkerOptions> = {}): Promise<RunningWorker> {
  return startWorker({
    connectionString: process.env.DATABASE_URL!,
    concurrency: 2,
    sweepIntervalMs: 60_000,
    shutdownGraceMs: 5_000,
    pollingIntervalSeconds: 0.5,
    outbox: { from: "Taskdeck <taskdeck@test.local>", intervalMs: 60_000 },
    ...overrides,
  });
}
