// Trigger → worker → completed, against real PostgreSQL, real pg-boss and the RevenueCat sandbox
// over HTTP: the walking skeleton's promise, end to end below the UI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { generateCustomers } from "@/sandbox/revenuecat/data";
import { startRevenueCatSandbox, type RevenueCatSandbox } from "@/sandbox/revenuecat/server";
import type { RunningWorker } from "@/worker/worker";
import { startTestWorker } from "../helpers/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { triggerJob } from "../helpers/test-job-types";

const account = { projectId: "proj_it", apiKey: "sk_it_key", customerCount: 60, seed: 7 };
let sandbox: RevenueCatSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  // A delay per request makes the sync last a few seconds, long enough for several progress writes.
  sandbox = await startRevenueCatSandbox({ projects: [account], delayMs: 25 });
  process.env.REVENUECAT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

const finished = (run: { status: string } | null) => run !== null && !["pending", "running"].includes(run.status);

describe("revenuecat_sync", () => {
  it("runs pending → running → completed, reporting progress and writing app users", async () => {
    const { team, project } = await createProject({ revenuecat: { projectId: account.projectId, apiKey: account.apiKey } });
    const admin = await createUser("admin", team.id);

    const run = await triggerJob({ type: "revenuecat_sync", projectId: project.id, notify: true, source: { kind: "user", userId: admin.id } });
    expect(run.status).toBe("pending");
    expect(run.notify).toBe(true);
    expect(run.params).toEqual({ pageSize: 20 });

    // Watch the row as the dashboard would, recording every progress state seen on the way.
    const seen = new Set<number>();
    const done = await waitFor(
      async () => {
        const current = await prisma.jobRun.findUnique({ where: { id: run.id } });
        if (current?.status === "running") seen.add(current.progressProcessed);
        return current;
      },
      finished,
    );

    const expected = generateCustomers(account.projectId, account.customerCount, account.seed);
    const anonymous = expected.filter((entry) => entry.customer.id.startsWith("$RCAnonymousID:")).length;
    const identified = expected.length - anonymous;
    expect(done?.status).toBe("completed");
    expect(done?.startedAt).toBeInstanceOf(Date);
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(done?.progressProcessed).toBe(expected.length);
    expect(done?.progressTotal).toBe(expected.length);
    expect(done?.progressMessage).toBe(`Synced ${identified} users, ${anonymous} skipped`);
    expect(done?.result).toEqual({ synced: identified, skipped: anonymous, total: expected.length });
    // Progress was visible while running, not only at the end.
    expect([...seen].filter((processed) => processed > 0 && processed < expected.length).length).toBeGreaterThanOrEqual(2);

    const users = await prisma.appUser.findMany({ where: { projectId: project.id } });
    expect(users).toHaveLength(identified);
    const sample = expected.find((entry) => entry.subscriptions.some((s) => s.gives_access))!;
    const stored = users.find((user) => user.appUserId === sample.customer.id)!;
    expect(stored.hasAccess).toBe(true);
    expect(stored.entitlements.length).toBeGreaterThan(0);
    expect(users.some((user) => user.appUserId.startsWith("$RCAnonymousID:"))).toBe(false);
  });

  it("stores the error message and stack when the handler fails", async () => {
    const { team, project } = await createProject({ revenuecat: { projectId: account.projectId, apiKey: "sk_wrong_key" } });
    const admin = await createUser("owner", team.id);

    const run = await triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } });
    const done = await waitFor(() => prisma.jobRun.findUnique({ where: { id: run.id } }), finished);

    expect(done?.status).toBe("failed");
    expect(done?.errorMessage).toBe("RevenueCat 401 authentication_error: Invalid API key");
    expect(done?.errorStack).toContain("RevenueCatError");
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(await prisma.appUser.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("fails with a clear message when the project has no RevenueCat connection", async () => {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const run = await triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } });
    const done = await waitFor(() => prisma.jobRun.findUnique({ where: { id: run.id } }), finished);
    expect(done?.status).toBe("failed");
    expect(done?.errorMessage).toBe("RevenueCat is not connected for this project");
  });

  it("rejects invalid params, unknown types and system-scope mismatches, writing nothing", async () => {
    const { team, project } = await createProject({ revenuecat: { projectId: account.projectId, apiKey: account.apiKey } });
    const admin = await createUser("admin", team.id);
    const runsBefore = await prisma.jobRun.count();
    const jobsBefore = await countQueueJobs();

    const attempts: Array<[Parameters<typeof triggerJob>[0], string, string]> = [
      [{ type: "revenuecat_sync", projectId: project.id, params: { pageSize: 500 }, source: { kind: "user", userId: admin.id } }, "invalid_params", "params.pageSize"],
      [{ type: "revenuecat_sync", projectId: project.id, params: { pageSize: "20" }, source: { kind: "user", userId: admin.id } }, "invalid_params", "params.pageSize"],
      [{ type: "revenuecat_sync", projectId: project.id, params: { surprise: true }, source: { kind: "user", userId: admin.id } }, "invalid_params", "params"],
      [{ type: "not_a_job", projectId: project.id, source: { kind: "user", userId: admin.id } }, "bad_request", "type"],
      [{ type: "revenuecat_sync", projectId: null, source: { kind: "admin_cli" } }, "bad_request", "type"],
    ];
    for (const [request, code, path] of attempts) {
      const error = await triggerJob(request).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, JSON.stringify(request.params ?? request.type)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect((error as AppError).issues?.map((issue) => issue.path)).toContain(path);
    }
    expect(await prisma.jobRun.count()).toBe(runsBefore);
    expect(await countQueueJobs()).toBe(jobsBefore);
  });

  it("creates no run when the job cannot be enqueued (run and job commit together)", async () => {
    const { team, project } = await createProject({ revenuecat: { projectId: account.projectId, apiKey: account.apiKey } });
    const admin = await createUser("admin", team.id);
    const runsBefore = await prisma.jobRun.count();
    // Without its queue, pg-boss refuses the job inside the trigger's transaction.
    await worker.boss.offWork("revenuecat_sync");
    await worker.boss.deleteQueue("revenuecat_sync");
    try {
      await expect(triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } })).rejects.toThrow();
      expect(await prisma.jobRun.count()).toBe(runsBefore);
    } finally {
      await worker.stop();
      worker = await startTestWorker();
    }
  });

  it("answers a second trigger while one is active with job_already_running and the existing run id", async () => {
    const { team, project } = await createProject({ revenuecat: { projectId: account.projectId, apiKey: account.apiKey } });
    const admin = await createUser("admin", team.id);
    const first = await triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } });
    const error = (await triggerJob({ type: "revenuecat_sync", projectId: project.id, source: { kind: "user", userId: admin.id } }).catch(
      (caught: unknown) => caught,
    )) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("job_already_running");
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ existingRunId: first.id });
    await waitFor(() => prisma.jobRun.findUnique({ where: { id: first.id } }), finished);
  });
});

async function countQueueJobs(): Promise<number> {
  const { getPool } = await import("@/lib/db/pool");
  const { rows } = await getPool().query<{ count: string }>("SELECT count(*) FROM pgboss.job");
  return Number(rows[0]?.count ?? 0);
}
