// Bulk actions (issue 19, item 3): "Retry all" on a failure group retries each of its failed runs
// once, as one-by-one retries would (linked, oldest first, one after another since a type has one
// active run per project), and "Cancel pending" cancels the pending runs of a type or of all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { runActivity } from "@/lib/jobs/audit";
import { cancelPendingRuns, countGroupRetries, countPendingRuns, retryFailureGroup } from "@/lib/jobs/bulk";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

let worker: RunningWorker | undefined;
let adminId: string;
let teamProject: { id: string; teamId: string };

beforeAll(async () => {
  await setUpTestJobTypes();
  const created = await createProject();
  teamProject = created.project;
  adminId = (await createUser("admin", created.team.id)).id;
});
afterAll(() => releaseAll(worker));

const by = () => ({ userId: adminId, apiKeyId: null, surface: "dashboard" as const });

// Failed runs of test_fail with one error, an hour apart, the oldest first; their group's fingerprint.
async function failedGroup(projectId: string, message: string, count: number, hoursAgo = count + 1) {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = new Date(Date.now() - (hoursAgo - index) * 3_600_000);
    const { rows } = await getPool().query<{ id: string }>(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, started_at, finished_at, error_message)
       VALUES (gen_random_uuid(), 'test_fail', $1, 'failed', 'user', $2, $2, $2, $3) RETURNING id`,
      [projectId, at, message],
    );
    ids.push(rows[0]!.id);
  }
  const { rows } = await getPool().query<{ fingerprint: string }>(`SELECT failure_fingerprint($1)::text AS fingerprint`, [message]);
  return { ids, key: { projectId, type: "test_fail", fingerprint: rows[0]!.fingerprint, from: null } };
}

const retriesOf = (ids: string[]) => prisma.jobRun.findMany({ where: { retryOfId: { in: ids } }, orderBy: { createdAt: "asc" } });
const ended = (run: { status: string }) => !["pending", "running"].includes(run.status);

describe("cancelling pending runs", () => {
  it("cancels the pending runs of one type, or of every type, and nothing else", async () => {
    // No worker yet: triggered runs stay pending (one per type, as semantics 4 allows).
    const { project } = await createProject();
    const source = { kind: "user" as const, userId: adminId };
    const slow = await triggerJob({ type: "test_slow", projectId: project.id, source });
    const noop = await triggerJob({ type: "test_noop", projectId: project.id, source });
    const echo = await triggerJob({ type: "test_echo", projectId: project.id, params: { text: "hi" }, source });
    const elsewhere = await triggerJob({ type: "test_noop", projectId: teamProject.id, source });

    expect(await countPendingRuns({ projectId: project.id, type: "test_slow" })).toBe(1);
    expect(await cancelPendingRuns(testJobs, { projectId: project.id, type: "test_slow" })).toEqual({ cancelled: 1, stopping: 0, leftOver: 0 });
    expect(await countPendingRuns({ projectId: project.id, type: null })).toBe(2);
    expect(await cancelPendingRuns(testJobs, { projectId: project.id, type: null })).toEqual({ cancelled: 2, stopping: 0, leftOver: 0 });

    const statuses = await prisma.jobRun.findMany({ where: { id: { in: [slow.id, noop.id, echo.id, elsewhere.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((run) => [run.id, run.status]))).toEqual({ [slow.id]: "cancelled", [noop.id]: "cancelled", [echo.id]: "cancelled", [elsewhere.id]: "pending" });
    // Their queued jobs are cancelled too, as Cancel run does it.
    const { rows } = await getPool().query(`SELECT state FROM pgboss.job WHERE id = $1`, [(await prisma.jobRun.findUniqueOrThrow({ where: { id: noop.id } })).queueJobId]);
    expect(rows[0]?.state).toBe("cancelled");
    await testJobs.cancel(elsewhere.id);
  });
});

describe("retrying a failure group", () => {
  it("retries each of its 3 runs once, oldest first and one after another, each linked to its run", async () => {
    worker = await startTestWorker();
    const { project } = await createProject();
    const group = await failedGroup(project.id, "the upstream said no", 3);
    const other = await failedGroup(project.id, "a different error", 1);
    expect(await countGroupRetries(group.key)).toBe(3);

    const started = await retryFailureGroup(testJobs, group.key, by());
    // The first at once; more only if the retries before them ended meanwhile (test_fail fails fast).
    expect(started).toMatchObject({ planned: 3, leftOver: 0 });
    expect(started.retried).toBeGreaterThanOrEqual(1);
    // The worker retries the next one as each retry ends, until the plan is done.
    const bulk = await waitFor(() => prisma.bulkRetry.findUniqueOrThrow({ where: { id: started.bulkRetryId } }), (row) => row.finishedAt !== null, 60_000);
    expect(bulk.retried).toBe(3);
    const retries = await retriesOf(group.ids);
    expect(retries.map((retry) => retry.retryOfId)).toEqual(group.ids);
    expect(retries.every((retry) => retry.triggerKind === "retry" && retry.triggeredByUserId === adminId)).toBe(true);
    // The same trail as one-by-one retries, the later ones written by the worker: each failed run
    // "retried" (from the surface the request came from), each retry "triggered" as its retry.
    for (const [index, failedId] of group.ids.entries()) {
      expect((await runActivity(failedId)).map((entry) => [entry.action, entry.surface, entry.actor.userId, entry.details?.newRunId])).toEqual([
        ["run.retried", "dashboard", adminId, retries[index]!.id],
      ]);
      expect((await runActivity(retries[index]!.id)).map((entry) => [entry.action, entry.details?.retryOf])).toEqual([["run.triggered", failedId]]);
    }
    // One at a time: each retry started after the one before it ended.
    await waitFor(() => retriesOf(group.ids), (runs) => runs.every(ended));
    const done = await retriesOf(group.ids);
    for (let index = 1; index < done.length; index += 1) expect(done[index]!.createdAt.getTime()).toBeGreaterThanOrEqual(done[index - 1]!.finishedAt!.getTime());
    // The other group and the other project are untouched; nothing is left to retry.
    expect(await retriesOf(other.ids)).toEqual([]);
    expect(await countGroupRetries(group.key)).toBe(0);
    await expect(retryFailureGroup(testJobs, group.key, by())).rejects.toMatchObject({ code: "conflict" });
  });

  it("skips a run retried by hand, and two group retries at once never retry a run twice", async () => {
    const { project } = await createProject();
    const group = await failedGroup(project.id, "rate limited, try later", 4);
    const byHand = await testJobs.retry(group.ids[1]!, by());
    await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: byHand.id } }), ended);
    expect(await countGroupRetries(group.key)).toBe(3);

    const [first, second] = await Promise.all([retryFailureGroup(testJobs, group.key, by()), retryFailureGroup(testJobs, group.key, by())]);
    expect([first.planned, second.planned]).toEqual([3, 3]);
    for (const started of [first, second]) {
      await waitFor(() => prisma.bulkRetry.findUniqueOrThrow({ where: { id: started.bulkRetryId } }), (row) => row.finishedAt !== null, 60_000);
    }
    const retries = await retriesOf(group.ids);
    // Each of the 4 runs has exactly one retry: the hand-made one and three from the groups.
    expect(retries.map((retry) => retry.retryOfId).sort()).toEqual([...group.ids].sort());
  });

  it("keeps to the window: runs older than its start are not retried", async () => {
    const { project } = await createProject();
    const old = await failedGroup(project.id, "stale token", 1, 72);
    const recent = await failedGroup(project.id, "stale token", 1, 2);
    const key = { ...recent.key, from: new Date(Date.now() - 24 * 3_600_000) };
    expect(await countGroupRetries(key)).toBe(1);
    const started = await retryFailureGroup(testJobs, key, by());
    await waitFor(() => prisma.bulkRetry.findUniqueOrThrow({ where: { id: started.bulkRetryId } }), (row) => row.finishedAt !== null, 60_000);
    expect((await retriesOf(recent.ids)).length).toBe(1);
    expect(await retriesOf(old.ids)).toEqual([]);
  });
});
