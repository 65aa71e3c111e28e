// The stale-run sweep fails runs whose worker died, and nothing else (semantics 10).
// Runs are created through the real trigger; the worker's state is then set directly in pg-boss's
// job table, which is exactly what a live or dead worker leaves behind.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { recoverStaleRuns } from "@/lib/jobs/lifecycle";
import { RESTART_MESSAGE, STALE_AFTER_SECONDS } from "@/worker/worker";
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
