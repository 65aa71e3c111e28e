// Triggering (semantics 2-3): the run row and its pg-boss job are created in one transaction, and
// the run that triggerJob returns is the stored run, exactly as getRun reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { defineCatalog } from "@/lib/jobs/define-catalog";
import { createJobService } from "@/lib/jobs/service";
import { getRun } from "@/lib/jobs/runs";
import { createProject, createUser } from "../helpers/fixtures";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { releaseAll } from "../helpers/teardown";

beforeAll(() => setUpTestJobTypes());

// A catalog whose one type never had its pg-boss queue created: sending its job fails inside the
// transaction.
const unqueued = createJobService(
  defineCatalog({
    test_unqueued: { type: "test_unqueued", label: "Test Unqueued", scope: "project", ordering: "independent", description: "A type without a queue", paramsSchema: z.object({}).strict() },
  }),
);

afterAll(() => releaseAll());

const jobOf = async (jobId: string | null) =>
  (await getPool().query<{ name: string; data: unknown }>(`SELECT name, data FROM pgboss.job WHERE id = $1`, [jobId])).rows[0];

describe("triggering", () => {
  it("creates the run and its queued job together, and returns the run exactly as stored", async () => {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const byUser = await triggerJob({ type: "test_noop", projectId: project.id, notify: true, source: { kind: "user", userId: admin.id } });
    expect(byUser).toEqual(await getRun(byUser.id));
    expect(byUser.triggeredByUser).toEqual({ name: admin.name, email: admin.email });
    expect(await jobOf(byUser.queueJobId)).toEqual({ name: "test_noop", data: { runId: byUser.id } });

    const byCli = await triggerJob({ type: "test_slow", projectId: project.id, source: { kind: "admin_cli" } });
    expect(byCli).toEqual(await getRun(byCli.id));
    expect(byCli.triggeredByUser).toBeNull();
  });

  it("writes no run when its job cannot be queued", async () => {
    const { project } = await createProject();
    await expect(unqueued.trigger({ type: "test_unqueued", projectId: project.id, source: { kind: "admin_cli" } })).rejects.toThrow(/test_unqueued/);
    expect(await prisma.jobRun.count({ where: { projectId: project.id } })).toBe(0);
  });
});
