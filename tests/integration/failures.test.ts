// The Failures rollup (failure_groups, kept by triggers on job_runs): it counts a run that fails
// however it ends, forgets runs that retention deletes, answers each time window, pages its
// groups, and is read without touching job_runs. Checked against the runs themselves and through
// the plans PostgreSQL executes, never through timings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { FAILURE_PAGE_SIZE, FAILURE_PAGE_SQL, failureGroups, failureWindows, type FailureWindow } from "@/lib/jobs/failures";
import { deleteExpiredRuns } from "@/lib/jobs/lifecycle/purge";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { onRelation, plan, rowsRead } from "../helpers/plans";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  worker = await startTestWorker();
});
afterAll(() => releaseAll(worker));

/** Failed runs written straight into job_runs (as an older release or the fill script would), `ago` ms before now. */
async function insertFailed(projectId: string, runs: Array<{ type?: string; message: string | null; ago: number }>): Promise<string[]> {
  const ids: string[] = [];
  for (const run of runs) {
    const at = new Date(Date.now() - run.ago);
    const { rows } = await getPool().query<{ id: string }>(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, started_at, finished_at, error_message)
       VALUES (gen_random_uuid(), $1, $2, 'failed', 'schedule', $3, $3, $3::timestamptz + interval '2 seconds', $4) RETURNING id`,
      [run.type ?? "revenuecat_sync", projectId, at, run.message],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}

// What the page showed before the rollup, read from the runs themselves over the same window
// (its start rounded down to the hour, as the rollup's buckets are): the rollup must agree.
async function fromRuns(projectId: string, window: FailureWindow) {
  const { rows } = await getPool().query(
    `SELECT type, coalesce(error_message, '(no message)') AS message, count(*)::int AS count,
            min(coalesce(finished_at, created_at)) AS first_seen, max(coalesce(finished_at, created_at)) AS last_seen
       FROM job_runs
      WHERE project_id = $1 AND status = 'failed'
        AND ($2::int IS NULL OR created_at >= date_trunc('hour', now() - make_interval(days => $2), 'UTC'))
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [projectId, failureWindows[window]],
  );
  return rows.map((row) => ({ type: row.type, message: row.message, count: row.count, firstSeenAt: row.first_seen.toISOString(), lastSeenAt: row.last_seen.toISOString() }));
}

async function fromRollup(projectId: string, window: FailureWindow) {
  const { groups } = await failureGroups(projectId, window);
  return groups.map(({ newestRunId: _newest, fingerprint: _fingerprint, ...group }) => group).sort((a, b) => a.type.localeCompare(b.type) || a.message.localeCompare(b.message));
}

describe("the failure rollup", () => {
  it("counts a run the worker fails and its retry that fails again, newest run first", async () => {
    const { project, team } = await createProject();
    const admin = await createUser("admin", team.id);
    const ended = (id: string) => waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id } }), (run) => run.status === "failed");
    const first = await triggerJob({ type: "test_fail", projectId: project.id, notify: false, source: { kind: "user", userId: admin.id } });
    const failed = await ended(first.id);

    let page = await failureGroups(project.id, "24h");
    // The group's id for "Retry all": the database's fingerprint of the message.
    const fingerprint = (await getPool().query<{ f: string }>(`SELECT failure_fingerprint($1)::text AS f`, ["boom: the test handler failed"])).rows[0]!.f;
    expect(page.groups).toEqual([
      { type: "test_fail", fingerprint, message: "boom: the test handler failed", count: 1, firstSeenAt: failed.finishedAt!.toISOString(), lastSeenAt: failed.finishedAt!.toISOString(), newestRunId: first.id },
    ]);

    const retry = await testJobs.retry(first.id, { userId: admin.id, apiKeyId: null });
    const retried = await ended(retry.id);
    page = await failureGroups(project.id, "24h");
    expect(page.groups).toEqual([
      { type: "test_fail", fingerprint, message: "boom: the test handler failed", count: 2, firstSeenAt: failed.finishedAt!.toISOString(), lastSeenAt: retried.finishedAt!.toISOString(), newestRunId: retry.id },
    ]);
    expect([page.failures, page.groupCount]).toEqual([2, 1]);
    expect(await fromRollup(project.id, "24h")).toEqual(await fromRuns(project.id, "24h"));
  });

  it("answers each window with the runs created in it", async () => {
    const { project } = await createProject();
    await insertFailed(project.id, [
      { message: "401 Unauthorized", ago: 2 * HOUR },
      { message: "401 Unauthorized", ago: 3 * DAY },
      { message: "timeout", ago: 3 * DAY + HOUR },
      { message: "401 Unauthorized", ago: 20 * DAY },
      { message: null, ago: 40 * DAY },
      { type: "apple_ads_sync", message: "401 Unauthorized", ago: 29 * DAY },
    ]);
    const counts = async (window: FailureWindow) => {
      const page = await failureGroups(project.id, window);
      return [page.failures, page.groupCount];
    };
    expect(await counts("24h")).toEqual([1, 1]);
    expect(await counts("7d")).toEqual([3, 2]);
    expect(await counts("30d")).toEqual([5, 3]);
    expect(await counts("all")).toEqual([6, 4]);
    for (const window of Object.keys(failureWindows) as FailureWindow[]) expect(await fromRollup(project.id, window)).toEqual(await fromRuns(project.id, window));
    expect((await failureGroups(project.id, "all")).groups.map((group) => group.message)).toContain("(no message)");
  });

  it("forgets runs that retention deletes, and the group's first sighting moves to the runs left", async () => {
    const { project } = await createProject();
    const [oldest, old] = await insertFailed(project.id, [
      { message: "quota exceeded", ago: 100 * DAY },
      { message: "quota exceeded", ago: 95 * DAY },
      { message: "quota exceeded", ago: 10 * DAY },
      { message: "gone for good", ago: 120 * DAY },
    ]);
    expect((await failureGroups(project.id, "all")).failures).toBe(4);

    // Batches of one, oldest first: the first batch leaves a group empty, the others shrink one.
    const retention = { days: 30, failedDays: 90 };
    while ((await deleteExpiredRuns(retention, 1)) > 0);
    expect(await prisma.jobRun.count({ where: { id: { in: [oldest!, old!] } } })).toBe(0);
    const page = await failureGroups(project.id, "all");
    expect(page.groups.map(({ message, count }) => ({ message, count }))).toEqual([{ message: "quota exceeded", count: 1 }]);
    expect(await fromRollup(project.id, "all")).toEqual(await fromRuns(project.id, "all"));
    // No bucket is left behind for the runs that went.
    const { rows } = await getPool().query<{ buckets: number }>(`SELECT count(*)::int AS buckets FROM failure_groups WHERE project_id = $1`, [project.id]);
    expect(rows[0]!.buckets).toBe(2);
  });

  it("follows a failed run that stops being failed or changes its error, and forgets a deleted project", async () => {
    const { project } = await createProject();
    const [a, b] = await insertFailed(project.id, [
      { message: "first error", ago: HOUR },
      { message: "first error", ago: 2 * HOUR },
      { message: "other error", ago: 3 * HOUR },
    ]);
    await getPool().query(`UPDATE job_runs SET status = 'completed', error_message = NULL WHERE id = $1`, [a]);
    await getPool().query(`UPDATE job_runs SET error_message = 'other error' WHERE id = $1`, [b]);
    expect(await fromRollup(project.id, "7d")).toEqual(await fromRuns(project.id, "7d"));
    expect((await failureGroups(project.id, "7d")).groups.map(({ message, count }) => ({ message, count }))).toEqual([{ message: "other error", count: 2 }]);

    await prisma.project.delete({ where: { id: project.id } });
    const { rows } = await getPool().query<{ buckets: number }>(`SELECT count(*)::int AS buckets FROM failure_groups WHERE project_id = $1`, [project.id]);
    expect(rows[0]!.buckets).toBe(0);
  });
});

describe("a page of failure groups", () => {
  it(`holds ${FAILURE_PAGE_SIZE} groups, most recently seen first, and the pages together hold every group once`, async () => {
    const { project } = await createProject();
    const groups = FAILURE_PAGE_SIZE + 5;
    await insertFailed(project.id, Array.from({ length: groups }, (_, index) => ({ message: `error ${index}`, ago: (index + 1) * 60_000 })));
    const first = await failureGroups(project.id, "24h", 1);
    const second = await failureGroups(project.id, "24h", 2);
    expect([first.groups.length, second.groups.length, first.pageCount, first.groupCount, first.failures]).toEqual([FAILURE_PAGE_SIZE, 5, 2, groups, groups]);
    const messages = [...first.groups, ...second.groups].map((group) => group.message);
    expect(messages).toEqual(Array.from({ length: groups }, (_, index) => `error ${index}`));
    // Past the last page: no groups, the totals still there.
    const past = await failureGroups(project.id, "24h", 3);
    expect([past.groups.length, past.groupCount]).toEqual([0, groups]);
  });

  it("is read from the rollup alone, a few rows per group and day of the window, however many runs failed", async () => {
    const { project } = await createProject();
    // Three groups failing every ten minutes for 40 days: 17,280 failed runs.
    await getPool().query(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, finished_at, error_message)
       SELECT gen_random_uuid(), 'revenuecat_sync', $1, 'failed', 'schedule', now() - n * interval '10 minutes', now() - n * interval '10 minutes', 'error ' || (n % 3)
         FROM generate_series(1, 40 * 24 * 6) AS n`,
      [project.id],
    );
    await getPool().query("ANALYZE job_runs, failure_groups");
    for (const window of ["24h", "30d", "all"] as const) {
      const nodes = await plan(FAILURE_PAGE_SQL, [project.id, failureWindows[window], FAILURE_PAGE_SIZE, 0]);
      expect(onRelation(nodes, "job_runs")).toEqual([]);
      const reads = onRelation(nodes, "failure_groups");
      // Through the primary key (an index scan, or a bitmap of it), never the whole table.
      for (const node of reads) expect(node["Node Type"]).toMatch(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/);
      // 3 groups × (31 days + 24 hours) at most, against 17,280 runs.
      expect(reads.map(rowsRead).reduce((sum, rows) => sum + rows, 0)).toBeLessThanOrEqual(3 * (41 + 24));
    }
    expect((await failureGroups(project.id, "30d")).failures).toBe((await fromRuns(project.id, "30d")).reduce((sum, group) => sum + group.count, 0));
  });
});
