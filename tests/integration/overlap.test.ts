// Overlap prevention (semantics 4): concurrent triggers of one type and project make one run.
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool } from "@/lib/db/pool";
import { stopSenderBoss } from "@/lib/jobs/queue";
import { createProject, createUser } from "../helpers/fixtures";
import { triggerJob } from "../helpers/test-job-types";

afterAll(async () => {
  // Leave no active runs behind for the next files' workers (their jobs then find nothing to do).
  await prisma.jobRun.updateMany({ where: { status: "pending" }, data: { status: "cancelled", finishedAt: new Date() } });
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
});

describe("overlap prevention", () => {
  it("lets exactly one of 50 concurrent triggers win; the others get 409 with its id", async () => {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } })),
    );
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
    for (const { reason } of lost) {
      expect(reason).toBeInstanceOf(AppError);
      expect((reason as AppError).code).toBe("job_already_running");
      expect((reason as AppError).details).toEqual({ existingRunId: winner.id });
    }
    expect(await prisma.jobRun.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("applies per project, and to system types without a project", async () => {
    const one = await createProject();
    const two = await createProject();
    const admin = await createUser("admin", one.team.id);
    await triggerJob({ type: "revenuecat_sync", projectId: one.project.id, source: { kind: "user", userId: admin.id } });
    await expect(triggerJob({ type: "revenuecat_sync", projectId: two.project.id, source: { kind: "admin_cli" } })).resolves.toMatchObject({ status: "pending" });

    const system = await Promise.allSettled(Array.from({ length: 10 }, () => triggerJob({ type: "job_runs_cleanup", projectId: null, source: { kind: "admin_cli" } })));
    expect(system.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  });
});
