// An in-process worker on the test database, running the test catalog, with test-friendly defaults.
import { startWorker, type RunningWorker, type WorkerOptions } from "@/worker/worker";
import { testCatalog, testHandlers } from "./test-job-types";

export function startTestWorker(overrides: Partial<WorkerOptions<typeof testCatalog>> = {}): Promise<RunningWorker> {
  return startWorker({
    catalog: testCatalog,
    handlers: testHandlers,
    concurrency: 2,
    sweepIntervalMs: 60_000,
    shutdownGraceMs: 5_000,
    pollingIntervalSeconds: 0.5,
    outbox: { from: "Taskdeck <taskdeck@test.local>", intervalMs: 60_000 },
    ...overrides,
  });
}
