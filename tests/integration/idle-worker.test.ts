// An idle worker costs the database next to nothing (issue 18): per queue one slot polls and the
// others wait to be woken, so a worker at concurrency 100 does not send a fetch per slot per poll.
import { afterAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import type { RunningWorker } from "@/worker/worker";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, testCatalog } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

let worker: RunningWorker | undefined;
afterAll(() => releaseAll(worker));

describe("an idle worker at concurrency 100", () => {
  it("has one polling slot per queue, and its statements do not grow with its slots", async () => {
    await setUpTestJobTypes();
    worker = await startTestWorker({ concurrency: 100, pollingIntervalSeconds: 2 });
    const loops = worker.boss.getWipData();
    for (const queue of testCatalog.queues()) {
      const slots = loops.filter((loop) => loop.name === queue);
      expect(slots, queue).toHaveLength(100);
      // The scout polls at the queue's interval; the other 99 only hourly, as a backstop.
      const polling = slots.filter((loop) => (loop.options.pollingIntervalSeconds ?? 2) < 60);
      expect(polling, queue).toHaveLength(1);
    }

    // Every statement the worker sends while nothing happens, over the lane scout's next 10 polls.
    const pool = getPool();
    const query = pool.query.bind(pool);
    let statements = 0;
    let laneFetches = 0;
    pool.query = ((...args: unknown[]) => {
      statements += 1;
      const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string }).text);
      if (text.includes("strict_fifo_heads")) laneFetches += 1;
      return (query as (...a: unknown[]) => unknown)(...args);
    }) as typeof pool.query;
    try {
      await new Promise<void>((resolve) => {
        const check = setInterval(() => laneFetches >= 10 && (clearInterval(check), resolve()), 20);
      });
    } finally {
      pool.query = query;
    }
    // Ten polls of the lane's one scout (about ten seconds): with a fetch per slot it was 1,000.
    expect(laneFetches).toBeLessThanOrEqual(11);
    expect(statements).toBeLessThan(60);
  });
});
