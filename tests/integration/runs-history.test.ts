// Reading runs costs the same at any history (issue 18): the runs' version reads a handful of rows
// whatever the project's size, a page at any depth is an index seek, a paused lane's poll finds
// its run by the job that carries it, and the job-type cards read each type's newest runs. Checked in kind, through
// the plans PostgreSQL executes (rows each node read), never through timings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { JOB_TYPE_STATS_SQL, RECENT_RUNS } from "@/lib/dashboard/job-type-stats";
import { LANE_QUEUE } from "@/lib/jobs/define-catalog";
import { pausingRun } from "@/lib/jobs/lanes";
import { getSenderBoss } from "@/lib/jobs/queue";
import { listRuns, listRunsQuery, runsVersion, RUNS_VERSION_SQL } from "@/lib/jobs/runs";
import { createProject } from "../helpers/fixtures";
import { onRelation, plan, rowsRead, type PlanNode } from "../helpers/plans";
import { releaseAll } from "../helpers/teardown";

const HISTORY = 5_000;
let projectId: string;

// Finished runs, a few sharing each created_at millisecond so the cursor's tie-break on id counts.
async function insertHistory(project: string, count: number) {
  await getPool().query(
    `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, finished_at)
     SELECT gen_random_uuid(), 'revenuecat_sync', $1, 'completed', 'api_key',
            timestamptz '2026-01-01' + (n / 3) * interval '1 second', timestamptz '2026-01-01' + (n / 3) * interval '1 second'
       FROM generate_series(1, $2) AS n`,
    [project, count],
  );
  await getPool().query("ANALYZE job_runs");
}

const onRuns = (nodes: PlanNode[]) => onRelation(nodes, "job_runs");

beforeAll(async () => {
  projectId = (await createProject()).project.id;
  await insertHistory(projectId, HISTORY);
});
afterAll(() => releaseAll());

describe("the runs' version", () => {
  it("reads a few rows of a 5,000-run history, not the history", async () => {
    const nodes = onRuns(await plan(RUNS_VERSION_SQL, [projectId]));
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect([node["Node Type"], rowsRead(node)]).toEqual([expect.stringMatching(/Index/), expect.any(Number)]);
    expect(nodes.map(rowsRead).reduce((sum, rows) => sum + rows, 0)).toBeLessThan(10);
  });

  it("changes when a run is created, written, ends or is deleted, even an old one", async () => {
    const { project } = await createProject();
    await insertHistory(project.id, 10);
    const versions = [await runsVersion(project.id)];
    const { rows } = await getPool().query<{ id: string }>(
      `INSERT INTO job_runs (id, type, project_id, trigger_kind) VALUES (gen_random_uuid(), 'pull_changes', $1, 'user') RETURNING id`,
      [project.id],
    );
    versions.push(await runsVersion(project.id));
    await getPool().query(`UPDATE job_runs SET status = 'running', progress_processed = 3 WHERE id = $1`, [rows[0]!.id]);
    versions.push(await runsVersion(project.id));
    await getPool().query(`UPDATE job_runs SET status = 'completed', finished_at = now() WHERE id = $1`, [rows[0]!.id]);
    versions.push(await runsVersion(project.id));
    // The oldest run: its updated_at is far from the newest, so only the deletion count can tell.
    await getPool().query(`DELETE FROM job_runs WHERE id = (SELECT id FROM job_runs WHERE project_id = $1 ORDER BY created_at LIMIT 1)`, [project.id]);
    versions.push(await runsVersion(project.id));
    expect(new Set(versions).size).toBe(versions.length);
    // Another project's deletes leave this one's version alone.
    await getPool().query(`DELETE FROM job_runs WHERE project_id = $1 AND created_at = (SELECT min(created_at) FROM job_runs WHERE project_id = $1)`, [projectId]);
    expect(await runsVersion(project.id)).toBe(versions.at(-1));
  });
});

describe("a page of runs", () => {
  it("pages through the whole history once each, newest first, ties broken by id", async () => {
    const { project } = await createProject();
    await insertHistory(project.id, 40);
    const seen: Array<{ id: string; createdAt: Date }> = [];
    let cursor: string | undefined;
    do {
      const page = await listRuns({ projectId: project.id, limit: 7, cursor });
      seen.push(...page.runs);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(40);
    expect(new Set(seen.map((run) => run.id)).size).toBe(40);
    const order = (a: { id: string; createdAt: Date }, b: { id: string; createdAt: Date }) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
    expect(seen.map((run) => run.id)).toEqual([...seen].sort(order).map((run) => run.id));
  });

  it("seeks to a deep page in the index instead of reading what comes before it", async () => {
    const deep = (await getPool().query<{ created_at: Date; id: string }>(
      `SELECT created_at, id FROM job_runs WHERE project_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [projectId, HISTORY - 100],
    )).rows[0]!;
    const cursor = Buffer.from(`${deep.created_at.toISOString()}|${deep.id}`).toString("base64url");
    const { sql, values } = listRunsQuery({ projectId, limit: 25, cursor });
    const nodes = onRuns(await plan(sql, values));
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!["Index Name"]).toBe("job_runs_project_id_created_at_id_idx");
    expect(nodes[0]!["Index Cond"]).toMatch(/ROW\(created_at, id\) </);
    expect(rowsRead(nodes[0]!)).toBe(26);
  });
});

describe("a paused lane's poll", () => {
  it("finds the pausing job's run through the queue_job_id index, not among the project's failed runs", async () => {
    const { project } = await createProject();
    // A history of failed runs, each carried by a job of its own, as a long-lived lane leaves.
    await getPool().query(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, queue_job_id, created_at, finished_at, error_message)
       SELECT gen_random_uuid(), 'pull_changes', $1, 'failed', 'schedule', gen_random_uuid(), now() - n * interval '1 minute', now() - n * interval '1 minute', 'boom'
         FROM generate_series(1, $2) AS n`,
      [project.id, HISTORY],
    );
    const jobId = await (await getSenderBoss()).send(LANE_QUEUE, {}, { singletonKey: project.id });
    await getPool().query(`UPDATE pgboss.job SET state = 'failed' WHERE id = $1`, [jobId]);
    const { rows } = await getPool().query<{ id: string }>(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, queue_job_id, finished_at, error_message)
       VALUES (gen_random_uuid(), 'pull_changes', $1, 'failed', 'user', $2, now(), 'paused it') RETURNING id`,
      [project.id, jobId],
    );
    await getPool().query("ANALYZE job_runs");
    expect((await pausingRun(getPool(), project.id))?.runId).toBe(rows[0]!.id);

    // The statement pausingRun sends, planned and executed as it is.
    let sent: { sql: string; values: unknown[] } | undefined;
    const recorder = { query: async (sql: string, values: unknown[]) => ((sent = { sql, values }), { rows: [] }) };
    await pausingRun(recorder as never, project.id);
    const nodes = onRuns(await plan(sent!.sql, sent!.values));
    expect(nodes.map((node) => node["Index Name"])).toEqual(["job_runs_queue_job_id_idx"]);
    expect(rowsRead(nodes[0]!)).toBeLessThanOrEqual(1);
  });
});

describe("the job types' cards", () => {
  it("read each type's newest runs, a few rows per type, even for a type that never ran in a 5,000-run history", async () => {
    // The history is all revenuecat_sync; push_build never ran there.
    const nodes = onRuns(await plan(JOB_TYPE_STATS_SQL, [projectId, ["revenuecat_sync", "push_build"], RECENT_RUNS]));
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node["Index Name"]).toMatch(/^job_runs_(project_id_type_created_at_idx|active_type_project_key)$/);
    // Per type: the last run (1) and the recent ones (RECENT_RUNS); the active lookup reads none here.
    expect(nodes.map(rowsRead).reduce((sum, rows) => sum + rows, 0)).toBeLessThanOrEqual(2 * (1 + RECENT_RUNS));
  });
});
