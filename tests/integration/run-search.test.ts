// Finding runs (issue 19, item 4): by id or id prefix, by trigger and by a params value, in the runs
// list with its keyset pages; and "Retry with changes", a retry that takes new params.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { idPrefixRange, listRuns, listRunsQuery } from "@/lib/jobs/runs";
import { listRunsQuerySchema } from "@/lib/jobs/schemas";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { onRelation, plan, rowsRead } from "../helpers/plans";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

let worker: RunningWorker | undefined;
let projectId: string;
let otherProjectId: string;
let adminId: string;

// A run with a chosen id, trigger and params, a second apart so the list's order is known.
let clock = Date.parse("2026-06-01T00:00:00Z");
async function insertRun(project: string, fields: { id?: string; trigger?: string; params?: object; type?: string }) {
  clock += 1000;
  const { rows } = await getPool().query<{ id: string }>(
    `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, params, created_at, finished_at)
     VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, 'completed', $4::"TriggerKind", $5::jsonb, $6, $6) RETURNING id`,
    [fields.id ?? null, fields.type ?? "push_review", project, fields.trigger ?? "user", JSON.stringify(fields.params ?? {}), new Date(clock)],
  );
  return rows[0]!.id;
}

const search = (project: string, query: Record<string, unknown>) => listRuns({ projectId: project, ...listRunsQuerySchema.parse(query) });
const ids = async (project: string, query: Record<string, unknown>) => (await search(project, query)).runs.map((run) => run.id);

beforeAll(async () => {
  await setUpTestJobTypes();
  const created = await createProject();
  projectId = created.project.id;
  adminId = (await createUser("admin", created.team.id)).id;
  otherProjectId = (await createProject()).project.id;
});
afterAll(() => releaseAll(worker));

describe("finding a run by its id", () => {
  it("turns a prefix into a range of ids, whatever its length", () => {
    expect(idPrefixRange("ab12")).toEqual(["ab120000-0000-0000-0000-000000000000", "ab12ffff-ffff-ffff-ffff-ffffffffffff"]);
    expect(idPrefixRange("0123456789abcdef0123456789abcdef")).toEqual(["01234567-89ab-cdef-0123-456789abcdef", "01234567-89ab-cdef-0123-456789abcdef"]);
  });

  it("finds one run by a prefix, several by a shorter one, none by another, only in its project", async () => {
    const first = await insertRun(projectId, { id: "c0ffee01-0000-4000-8000-000000000001" });
    const second = await insertRun(projectId, { id: "c0ffee02-0000-4000-8000-000000000002" });
    await insertRun(otherProjectId, { id: "c0ffee03-0000-4000-8000-000000000003" });
    expect(await ids(projectId, { id: "c0ffee01" })).toEqual([first]);
    // Dashes and capitals as people paste them.
    expect(await ids(projectId, { id: "C0FFEE02-0000-4000" })).toEqual([second]);
    expect(await ids(projectId, { id: second })).toEqual([second]);
    expect(await ids(projectId, { id: "c0ffee" })).toEqual([second, first]);
    expect(await ids(projectId, { id: "c0ffee03" })).toEqual([]);
    expect(await ids(projectId, { id: "deadbeef" })).toEqual([]);
  });

  it("reads the ids' range from the primary key, not the project's history", async () => {
    for (let index = 0; index < 300; index += 1) await insertRun(projectId, {});
    await getPool().query("ANALYZE job_runs");
    const { sql, values } = listRunsQuery({ projectId, id: "c0ffee01", limit: 25 });
    const nodes = await plan(sql, values);
    // An index scan of the key, or a bitmap one (whose index node names the index, not the table).
    expect(nodes.map((node) => node["Index Name"])).toContain("job_runs_pkey");
    expect(onRelation(nodes, "job_runs").map(rowsRead).reduce((sum, rows) => sum + rows, 0)).toBeLessThan(10);
  });

  it("refuses what is not a prefix of an id, with a message", () => {
    for (const bad of ["abc", "xyz12345", "c0ffee01-0000-4000-8000-0000000000011", "c0ffee01'--"]) {
      const parsed = listRunsQuerySchema.safeParse({ id: bad });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("id must be a run id or its first 4 or more hex digits");
    }
  });
});

describe("filtering runs by trigger and by a params value", () => {
  it("keeps the runs triggered one way", async () => {
    const { project } = await createProject();
    const scheduled = await insertRun(project.id, { trigger: "schedule" });
    const retried = await insertRun(project.id, { trigger: "retry" });
    await insertRun(project.id, { trigger: "user" });
    expect(await ids(project.id, { trigger: "schedule" })).toEqual([scheduled]);
    expect(await ids(project.id, { trigger: "retry" })).toEqual([retried]);
    expect(listRunsQuerySchema.safeParse({ trigger: "robot" }).error?.issues[0]?.message).toBe("trigger must be one of user, api_key, schedule, retry, admin_cli");
  });

  it("finds a params value written as a number or as text, page by page, in its project only", async () => {
    const { project } = await createProject();
    const asNumber = await insertRun(project.id, { params: { reviewId: 123, reply: "Thanks" } });
    await insertRun(project.id, { params: { reviewId: 456 } });
    const asText = await insertRun(project.id, { params: { reviewId: "123" } });
    await insertRun(project.id, { params: { other: 123 } });
    const third = await insertRun(project.id, { params: { reviewId: 123 } });
    await insertRun(otherProjectId, { params: { reviewId: 123 } });
    expect(await ids(project.id, { param: "reviewId=123" })).toEqual([third, asText, asNumber]);
    // Two a page: the cursor carries the filter's place.
    const page = await search(project.id, { param: "reviewId=123", limit: 2 });
    expect(page.runs.map((run) => run.id)).toEqual([third, asText]);
    expect(await ids(project.id, { param: "reviewId=123", limit: 2, cursor: page.nextCursor })).toEqual([asNumber]);
    // Text with = in it, and a value nobody has.
    const withEquals = await insertRun(project.id, { params: { query: "a=b" } });
    expect(await ids(project.id, { param: "query=a=b" })).toEqual([withEquals]);
    expect(await ids(project.id, { param: "reviewId=999" })).toEqual([]);
  });

  it("refuses a params filter that is not key=value", () => {
    for (const bad of ["reviewId", "=123", "1abc=2", `${"k".repeat(101)}=1`]) {
      expect(listRunsQuerySchema.safeParse({ param: bad }).error?.issues[0]?.message, bad).toBe("param must be key=value, e.g. reviewId=123");
    }
  });
});

describe("retry with changes", () => {
  const by = () => ({ userId: adminId, apiKeyId: null });
  const read = (id: string) => prisma.jobRun.findUniqueOrThrow({ where: { id } });
  const ended = (run: { status: string }) => !["pending", "running"].includes(run.status);

  it("runs the failed run again with the new params, linked as its retry, and checks them first", async () => {
    worker = await startTestWorker();
    const failed = await triggerJob({ type: "test_logger", projectId, params: { lines: 1, fail: true }, source: { kind: "user", userId: adminId } });
    expect((await waitFor(() => read(failed.id), ended)).status).toBe("failed");

    // Bad params: refused like a trigger's, and nothing is written.
    const before = await prisma.jobRun.count({ where: { projectId } });
    const refused = await testJobs.retry(failed.id, by(), { params: { lines: -1 } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("invalid_params");
    expect(await prisma.jobRun.count({ where: { projectId } })).toBe(before);

    // The plain retry fails the same way; the retry with changes completes.
    const plain = await testJobs.retry(failed.id, by());
    expect((await waitFor(() => read(plain.id), ended)).status).toBe("failed");
    const changed = await testJobs.retry(failed.id, by(), { params: { lines: 2, fail: false } });
    expect(changed.retryOfId).toBe(failed.id);
    expect(changed.triggerKind).toBe("retry");
    expect(changed.params).toEqual({ lines: 2, fail: false, leakSecrets: false });
    expect((await waitFor(() => read(changed.id), ended)).status).toBe("completed");
    // The failed run keeps its own params.
    expect((await read(failed.id)).params).toEqual({ lines: 1, fail: true, leakSecrets: false });
  });
});
