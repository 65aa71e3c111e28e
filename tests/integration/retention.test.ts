// retention_cleanup against real PostgreSQL: per-project policies hold at the boundary, a partition
// is dropped whole only when every project's policy has expired it, and the job's run says what it
// did. The clock is an argument (applyRetention's `now`), never a sleep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { ensurePartitions, listPartitions } from "@/lib/events/partitions";
import { applyRetention } from "@/lib/events/retention";
import type { RunningWorker } from "@/worker/worker";
import { createProject, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const DAY = 86_400_000;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  worker = await startTestWorker();
});
afterAll(() => releaseAll(worker));

async function insertEvent(table: "events" | "metric_events" | "funnel_events", projectId: string, occurredAt: Date, name = "e"): Promise<void> {
  await ensurePartitions([occurredAt], [table]);
  const columns = { events: "name", metric_events: "metric", funnel_events: "funnel, step" }[table];
  const values = table === "funnel_events" ? `'${name}', 'step'` : `'${name}'`;
  await getPool().query(`INSERT INTO ${table} (id, project_id, occurred_at, ${columns}) VALUES (gen_random_uuid(), $1, $2, ${values})`, [projectId, occurredAt]);
}

const names = async (table: string, projectId: string) =>
  (await getPool().query<{ name: string }>(`SELECT ${table === "events" ? "name" : table === "metric_events" ? "metric" : "funnel"} AS name FROM ${table} WHERE project_id = $1 ORDER BY 1`, [projectId])).rows.map((row) => row.name);

// Projects made here keep these tests apart from each other: each test's policies are the longest
// in the database only for the months it uses, chosen far enough apart.
describe("retention_cleanup", () => {
  it("deletes each project's events past its own policy, keeping one a second inside it", async () => {
    const now = new Date(Date.UTC(2026, 11, 20, 12));
    const { project: short } = await createProject();
    const { project: usual } = await createProject();
    await prisma.project.update({ where: { id: short.id }, data: { eventsRetentionDays: 10, metricEventsRetentionDays: 5, funnelEventsRetentionDays: 20 } });
    const boundary = (days: number, seconds: number) => new Date(now.getTime() - days * DAY + seconds * 1000);
    for (const project of [short, usual]) {
      await insertEvent("events", project.id, boundary(10, -1), "outside");
      await insertEvent("events", project.id, boundary(10, 1), "inside");
      await insertEvent("metric_events", project.id, boundary(5, -1), "outside");
      await insertEvent("metric_events", project.id, boundary(5, 1), "inside");
      await insertEvent("funnel_events", project.id, boundary(20, -1), "outside");
      await insertEvent("funnel_events", project.id, boundary(20, 1), "inside");
    }

    const result = await applyRetention({ now, batchSize: 1 });

    expect(result.deleted).toEqual({ events: 1, metric_events: 1, funnel_events: 1 });
    for (const table of ["events", "metric_events", "funnel_events"]) {
      expect(await names(table, short.id)).toEqual(["inside"]);
      // The server's defaults (90 and 365 days) keep all of the other project's.
      expect(await names(table, usual.id)).toEqual(["inside", "outside"]);
    }
  });

  it("drops a partition only once every project's policy has expired it", async () => {
    const now = new Date(Date.UTC(2026, 11, 20, 12));
    const { project: keeper } = await createProject();
    const { project: other } = await createProject();
    // A month about 300 days back: the default 90-day policy has expired it, a 400-day one has not.
    const old = new Date(Date.UTC(2026, 1, 10));
    await prisma.project.update({ where: { id: keeper.id }, data: { eventsRetentionDays: 400 } });
    await insertEvent("events", keeper.id, old, "kept");
    await insertEvent("events", other.id, old, "expired");

    const first = await applyRetention({ now });
    expect(first.droppedPartitions).not.toContain("events_2026_02");
    expect((await listPartitions()).map((partition) => partition.name)).toContain("events_2026_02");
    // Row by row instead: the other project's event goes, the keeper's stays.
    expect(await names("events", other.id)).toEqual([]);
    expect(await names("events", keeper.id)).toEqual(["kept"]);

    await prisma.project.update({ where: { id: keeper.id }, data: { eventsRetentionDays: 200 } });
    const second = await applyRetention({ now });
    expect(second.droppedPartitions).toContain("events_2026_02");
    expect((await listPartitions()).map((partition) => partition.name)).not.toContain("events_2026_02");
    expect(await names("events", keeper.id)).toEqual([]);
    // This month's partitions are untouched.
    const thisMonth = new Date().toISOString().slice(0, 7).replace("-", "_");
    expect((await listPartitions()).map((partition) => partition.name)).toContain(`events_${thisMonth}`);
  });

  it("runs as a system job whose result says what it deleted and dropped", async () => {
    const { project } = await createProject();
    await prisma.project.update({ where: { id: project.id }, data: { eventsRetentionDays: 1 } });
    await insertEvent("events", project.id, new Date(Date.now() - 2 * DAY), "expired");
    await insertEvent("events", project.id, new Date(Date.now() - 3600_000), "recent");
    const run = await triggerJob({ type: "retention_cleanup", projectId: null, source: { kind: "admin_cli" } });
    const done = await waitFor(
      () => prisma.jobRun.findUnique({ where: { id: run.id } }),
      (current) => current?.status === "completed" || current?.status === "failed",
    );
    expect(done?.status).toBe("completed");
    expect((done?.result as { rowsDeleted: { events: number } }).rowsDeleted.events).toBeGreaterThanOrEqual(1);
    expect(done?.progressMessage).toMatch(/^Deleted \d+ expired rows? across \d+ projects?;/);
    expect(await names("events", project.id)).toEqual(["recent"]);
  });
});
