// Reading runs costs the same at any history (issue 18): the runs' version reads a handful of rows
// whatever the project's size, and a page at any depth is an index seek. Checked in kind, through
// the plans PostgreSQL executes (rows each node read), never through timings.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { listRuns, listRunsQuery, runsVersion, RUNS_VERSION_SQL } from "@/lib/jobs/runs";
import { createProject } from "../helpers/fixtures";

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

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

async function plan(sql: string, values: unknown[]): Promise<PlanNode[]> {
  const { rows } = await getPool().query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values);
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(rows[0]["QUERY PLAN"][0].Plan);
  return nodes;
}

const onRuns = (nodes: PlanNode[]) => nodes.filter((node) => node["Relation Name"] === "job_runs");
const rowsRead = (node: PlanNode) => node["Actual Rows"] * node["Actual Loops"] + (node["Rows Removed by Filter"] ?? 0);

beforeAll(async () => {
  projectId = (await createProject()).project.id;
  await insertHistory(projectId, HISTORY);
});

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
