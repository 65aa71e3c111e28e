// The stale-run sweep fails runs whose worker died, and nothing else (semantics 10).
// Runs are created through the real trigger; the worker's state is then set directly in pg-boss's
// job table, which is exactly what a live or dead worker leaves behind.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { failOrphanedPendingRuns, recoverStaleRuns } from "@/lib/jobs/lifecycle";
import { ORPHAN_GRACE_SECONDS, ORPHAN_MESSAGE, RESTART_MESSAGE, STALE_AFTER_SECONDS } from "@/worker/worker";
import { createProject, createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { testCatalog, triggerJob } from "../helpers/test-job-types";

afterAll(() => releaseAll());

const recover = () => recoverStaleRuns(STALE_AFTER_SECONDS, RESTART_MESSAGE, testCatalog.label);

async function runIn(state: { run: "pending" | "running"; job: string; heartbeatAgeSeconds: number }) {
  const { team, project } = await createProject();
  const admin = await createUser("admin", team.id);
  const run = await triggerJob({ type: "revenuecat_sync", projectId: project.id, notify: true, source: { kind: "user", userId: admin.id } });
  await getPool().query(
    `UPDATE pgboss.job SET state = $2::pgboss.job_state, started_on = now() - make_interval(secs => $3), heartbeat_on = now() - make_interval(secs => $3)
      WHERE id = $1`,
    [run.queueJobId, state.job, state.heartbeatAgeSeconds],
  );
  if (state.run === "running") await prisma.jobRun.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date() } });
  return run.id;
}

describe("recoverStaleRuns", () => {
  it("fails running runs of dead workers and leaves live and pending runs alone", async () => {
    const live = await runIn({ run: "running", job: "active", heartbeatAgeSeconds: 1 });
    const silent = await runIn({ run: "running", job: "active", heartbeatAgeSeconds: STALE_AFTER_SECONDS + 5 });
    const failedJob = await runIn({ run: "running", job: "failed", heartbeatAgeSeconds: 1 });
    const pending = await runIn({ run: "pending", job: "created", heartbeatAgeSeconds: STALE_AFTER_SECONDS + 5 });

    const recovered = await recover();

    expect(recovered.sort()).toEqual([silent, failedJob].sort());
    const rows = await prisma.jobRun.findMany({ where: { id: { in: [live, silent, failedJob, pending] } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(live)?.status).toBe("running");
    expect(byId.get(pending)?.status).toBe("pending");
    for (const id of [silent, failedJob]) {
      expect(byId.get(id)?.status).toBe("failed");
      expect(byId.get(id)?.errorMessage).toBe(RESTART_MESSAGE);
      expect(byId.get(id)?.finishedAt).toBeInstanceOf(Date);
    }
    // The runs owed their triggering admin an email, queued with the failure; the others owe nothing yet.
    const emails = await prisma.notification.findMany({ where: { runId: { in: [live, silent, failedJob, pending] } } });
    expect(emails.map((email) => email.runId).sort()).toEqual([silent, failedJob].sort());
    expect(emails[0]?.subject).toMatch(/RevenueCat Sync for .* failed/);
    // A second sweep finds nothing more to do.
    expect(await recover()).toEqual([]);
  });
});

describe("failOrphanedPendingRuns", () => {
  const sweep = () => failOrphanedPendingRuns(ORPHAN_GRACE_SECONDS, ORPHAN_MESSAGE, testCatalog.label);

  // A pending run of its own project, its job as given, created this many seconds ago.
  async function pendingRun(job: "deleted" | "created" | "completed", ageSeconds: number) {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const run = await triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } });
    if (job === "deleted") await getPool().query(`DELETE FROM pgboss.job WHERE id = $1`, [run.queueJobId]);
    if (job === "completed") await getPool().query(`UPDATE pgboss.job SET state = 'completed' WHERE id = $1`, [run.queueJobId]);
    await getPool().query(`UPDATE job_runs SET created_at = now() - make_interval(secs => $2) WHERE id = $1`, [run.id, ageSeconds]);
    return { runId: run.id, projectId: project.id, adminId: admin.id };
  }

  it("fails pending runs whose job is gone or finished, past the grace, and frees their type's slot", async () => {
    const lost = await pendingRun("deleted", ORPHAN_GRACE_SECONDS + 60);
    const finished = await pendingRun("completed", ORPHAN_GRACE_SECONDS + 60);
    const young = await pendingRun("deleted", 0);
    const queued = await pendingRun("created", ORPHAN_GRACE_SECONDS + 60);

    expect((await sweep()).sort()).toEqual([lost.runId, finished.runId].sort());
    const runs = await prisma.jobRun.findMany({ where: { id: { in: [lost.runId, finished.runId, young.runId, queued.runId] } } });
    const byId = Object.fromEntries(runs.map((run) => [run.id, run]));
    expect(byId[lost.runId]).toMatchObject({ status: "failed", errorMessage: ORPHAN_MESSAGE });
    expect(byId[finished.runId]).toMatchObject({ status: "failed", errorMessage: ORPHAN_MESSAGE });
    expect(byId[young.runId]!.status).toBe("pending");
    expect(byId[queued.runId]!.status).toBe("pending");
    // The lost run no longer holds revenuecat_sync's slot in its project: a new trigger is accepted.
    const again = await triggerJob({ type: "revenuecat_sync", projectId: lost.projectId, source: { kind: "user", userId: lost.adminId } });
    expect(again.status).toBe("pending");
    expect(await sweep()).toEqual([]);
  });
});
