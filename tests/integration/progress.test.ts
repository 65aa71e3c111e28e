// Progress coalescing (semantics 7): a handler reporting 100,000 times costs a handful of writes,
// and the last state is always saved. Writes are counted in the database itself by a trigger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool, getPool } from "@/lib/db/pool";
import { stopSenderBoss } from "@/lib/jobs/queue";
import { PROGRESS_WRITE_INTERVAL_MS } from "@/lib/jobs/progress";
import { toApiRun, getRun } from "@/lib/jobs/runs";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  await getPool().query(`
    CREATE TABLE IF NOT EXISTS test_progress_writes (run_id uuid, processed int, at timestamptz DEFAULT clock_timestamp());
    CREATE OR REPLACE FUNCTION test_count_progress_write() RETURNS trigger AS $$
      BEGIN INSERT INTO test_progress_writes (run_id, processed) VALUES (NEW.id, NEW.progress_processed); RETURN NEW; END;
    $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS test_count_progress_writes ON job_runs;
    CREATE TRIGGER test_count_progress_writes AFTER UPDATE ON job_runs FOR EACH ROW
      WHEN (OLD.progress_processed IS DISTINCT FROM NEW.progress_processed OR OLD.progress_message IS DISTINCT FROM NEW.progress_message)
      EXECUTE FUNCTION test_count_progress_write();`);
  worker = await startTestWorker();
});

afterAll(async () => {
  // Leave the schema as the migrations made it: the drift test may run after this file.
  await getPool().query(`
    DROP TRIGGER IF EXISTS test_count_progress_writes ON job_runs;
    DROP FUNCTION IF EXISTS test_count_progress_write();
    DROP TABLE IF EXISTS test_progress_writes;`);
  await worker?.stop();
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
});

describe("progress", () => {
  it("coalesces 100,000 reports into a few writes per second and saves the last state", async () => {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const run = await triggerJob({ type: "test_chatty", projectId: project.id, source: { kind: "user", userId: admin.id } });
    const done = await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (current) => current.status === "completed");

    expect(done.progressProcessed).toBe(100_000);
    expect(done.progressTotal).toBe(100_000);
    expect(done.progressMessage).toBe("item 100000");
    expect(toApiRun((await getRun(run.id))!).progress).toEqual({ processed: 100_000, total: 100_000, message: "item 100000", percent: 100 });

    const { rows } = await getPool().query<{ writes: string; seconds: number }>(
      `SELECT count(*) AS writes, extract(epoch FROM max(at) - min(at))::float AS seconds FROM test_progress_writes WHERE run_id = $1`,
      [run.id],
    );
    const writes = Number(rows[0]!.writes);
    const seconds = Math.max(rows[0]!.seconds, 0.25);
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(writes).toBeLessThanOrEqual(15);
    // At most one write per interval, plus the final flush.
    expect(writes).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / PROGRESS_WRITE_INTERVAL_MS) + 2);
  });
});
