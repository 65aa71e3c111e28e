// partition_creation and db_pruning against real PostgreSQL: creating partitions is idempotent even
// when two callers race, and pruning drops the oldest partitions one at a time until the database
// is under the limit, never this month's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/env";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { ensurePartitions, listPartitions, monthsAhead } from "@/lib/events/partitions";
import { databaseSize, GIGABYTE, pruneToLimit } from "@/lib/events/pruning";
import { addMonths, monthStart, partitionName } from "@/lib/events/tables";
import type { RunningWorker } from "@/worker/worker";
import { createProject, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

let worker: RunningWorker;
beforeAll(async () => {
  await setUpTestJobTypes();
  worker = await startTestWorker();
});
afterAll(() => releaseAll(worker));

const partitionNames = async () => (await listPartitions()).map((partition) => partition.name);

async function runSystemJob(type: string) {
  const run = await triggerJob({ type, projectId: null, source: { kind: "admin_cli" } });
  return waitFor(
    () => prisma.jobRun.findUnique({ where: { id: run.id } }),
    (current) => current?.status === "completed" || current?.status === "failed",
  );
}

// Fills a month of `events` with rows of about 1 KB each.
async function fillMonth(projectId: string, month: Date, rows: number): Promise<void> {
  await ensurePartitions([month], ["events"]);
  await getPool().query(
    `INSERT INTO events (id, project_id, occurred_at, name, message)
     SELECT gen_random_uuid(), $1, $2::timestamptz + make_interval(secs => n), 'filler', repeat(md5(n::text), 32) FROM generate_series(1, $3) AS n`,
    [projectId, month, rows],
  );
}

describe("partition_creation", () => {
  it("creates each missing partition once, however many callers race", async () => {
    const months = monthsAhead(new Date(Date.UTC(2031, 0, 1)), 3);
    const results = await Promise.all(Array.from({ length: 4 }, () => ensurePartitions(months)));
    const created = results.flat();
    expect(created.sort()).toEqual(["events", "metric_events", "funnel_events"].flatMap((table) => months.map((month) => partitionName(table as "events", month))).sort());
    expect(await ensurePartitions(months)).toEqual([]);
  });

  it("runs with two workers up while ingest creates the same months on demand, and a second run creates nothing", async () => {
    const second = await startTestWorker();
    try {
      const ahead = monthsAhead(new Date(), 2);
      const [run, ...onDemand] = await Promise.all([runSystemJob("partition_creation"), ...Array.from({ length: 3 }, () => ensurePartitions(ahead))]);
      expect(run?.status).toBe("completed");
      const createdByRun = (run?.result as { created: string[] }).created;
      // Between the run and the on-demand callers, each missing partition was created exactly once.
      const all = [...createdByRun, ...onDemand.flat()];
      expect(new Set(all).size).toBe(all.length);
      for (const month of ahead) for (const table of ["events", "metric_events", "funnel_events"] as const) expect(await partitionNames()).toContain(partitionName(table, monthStart(month)));

      const again = await runSystemJob("partition_creation");
      expect(again?.status).toBe("completed");
      expect(again?.result).toMatchObject({ created: [], alreadyExisted: 9 });
      expect(again?.progressMessage).toBe("Every partition already exists");
    } finally {
      await second.stop();
    }
  });
});

describe("db_pruning", () => {
  it("drops the oldest partitions one at a time and stops once under the limit", async () => {
    const { project } = await createProject();
    const oldest = new Date(Date.UTC(2025, 0, 1));
    for (const offset of [0, 1, 2]) await fillMonth(project.id, addMonths(oldest, offset), 3000);
    const monthBytes = (await listPartitions()).find((partition) => partition.name === "events_2025_01")!.bytes;
    // Room for everything but about one and a half old months: two must go, the third stays.
    const limitBytes = (await databaseSize()) - Math.round(1.5 * monthBytes);

    const result = await pruneToLimit({ now: new Date(), limitBytes });

    expect(result.droppedPartitions).toEqual(["events_2025_01", "events_2025_02"]);
    expect(result.stillOver).toBe(false);
    expect(result.sizeAfterBytes).toBeLessThanOrEqual(limitBytes);
    expect(await partitionNames()).toContain("events_2025_03");
  });

  it("never drops this month's partitions, and says so in the run the alert email reports", async () => {
    const { project } = await createProject();
    await fillMonth(project.id, new Date(Date.UTC(2025, 5, 1)), 100);
    overrideEnv({ DB_SIZE_LIMIT_GB: String(1024 / GIGABYTE) });
    try {
      const run = await runSystemJob("db_pruning");
      expect(run?.status).toBe("completed");
      const result = run?.result as { droppedPartitions: string[]; stillOver: boolean };
      expect(result.droppedPartitions).toContain("events_2025_06");
      expect(result.stillOver).toBe(true);
      expect(run?.progressMessage).toContain("events_2025_06");
      const thisMonth = monthStart(new Date());
      const left = await listPartitions();
      expect(left.every((partition) => partition.from.getTime() >= thisMonth.getTime())).toBe(true);
      expect(left.map((partition) => partition.name)).toContain(partitionName("events", thisMonth));
    } finally {
      overrideEnv({ DB_SIZE_LIMIT_GB: "" });
    }
  });
});
