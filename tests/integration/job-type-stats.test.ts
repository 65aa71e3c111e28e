// The Tasks page's "Recent runs" (issue 17): the success rate is completed out of completed and
// failed; a cancelled run was stopped by someone, so it lowers nothing.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { jobTypeStats, successPercent } from "@/lib/dashboard/job-type-stats";
import type { RunStatus } from "@/lib/jobs/schemas";
import { createProject } from "../helpers/fixtures";

async function finishedRuns(projectId: string, statuses: RunStatus[]) {
  const started = new Date(Date.now() - 60_000);
  for (const [index, status] of statuses.entries()) {
    await prisma.jobRun.create({
      data: {
        type: "revenuecat_sync",
        projectId,
        status,
        triggerKind: "api_key",
        createdAt: new Date(started.getTime() + index * 1000),
        startedAt: new Date(started.getTime() + index * 1000),
        finishedAt: new Date(started.getTime() + index * 1000 + 500),
      },
    });
  }
}

describe("a job type's recent runs", () => {
  it("leaves cancelled runs out of the success rate", async () => {
    const { project } = await createProject();
    await finishedRuns(project.id, ["completed", "completed", "completed", "failed", "cancelled", "cancelled", "cancelled"]);
    const { revenuecat_sync: stats } = await jobTypeStats(project.id, ["revenuecat_sync"]);
    expect(stats?.recent).toEqual({ completed: 3, failed: 1, cancelled: 3, successPercent: 75, medianSeconds: 0.5 });
  });

  it("has no rate when its recent runs were all cancelled, and 100% when none failed", async () => {
    const { project } = await createProject();
    await finishedRuns(project.id, ["cancelled", "cancelled"]);
    expect((await jobTypeStats(project.id, ["revenuecat_sync"])).revenuecat_sync?.recent).toMatchObject({ cancelled: 2, successPercent: null });
    await finishedRuns(project.id, ["completed"]);
    expect((await jobTypeStats(project.id, ["revenuecat_sync"])).revenuecat_sync?.recent).toMatchObject({ completed: 1, cancelled: 2, successPercent: 100 });
  });

  it("rounds to a whole percent", () => {
    expect([successPercent(0, 0), successPercent(2, 1), successPercent(0, 4)]).toEqual([null, 67, 0]);
  });
});
