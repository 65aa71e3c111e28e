// The stale-run sweep fails runs whose worker died, and nothing else (semantics 10).
// Runs are created through the real trigger; the worker's state is then set directly in pg-boss's
// job table, which is exactly what a live or dead worker leaves behind.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getPool } from "@/lib/db/pool";
import { triggerJob } from "@/lib/jobs/service";
import { RESTART_MESSAGE, STALE_AFTER_SECONDS, recoverStaleRuns } from "@/worker/recovery";
import { createProject, createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";

afterAll(() => releaseAll());

async function runIn(state: { run: "pending" | "running"; job: string; heartbeatAgeSeconds: number }) {
  const { team, project } = await createProject();
  const admin = await createUser("admin", team.id);
  const run = await triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } });
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

    const recovered = await recoverStaleRuns();

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
    // A second sweep finds nothing more to do.
    expect(await recoverStaleRuns()).toEqual([]);
  });
});
