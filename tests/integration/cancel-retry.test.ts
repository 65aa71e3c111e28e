// Cooperative cancellation (semantics 6) and manual retry (semantics 5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

let worker: RunningWorker | undefined;
let project: { id: string };
let adminId: string;

beforeAll(async () => {
  await setUpTestJobTypes();
  const created = await createProject();
  project = created.project;
  adminId = (await createUser("admin", created.team.id)).id;
});

afterAll(() => releaseAll(worker));

const trigger = (type: string, notify = false) => triggerJob({ type, projectId: project.id, notify, source: { kind: "user", userId: adminId } });
const read = (id: string) => prisma.jobRun.findUniqueOrThrow({ where: { id } });
const ended = (run: { status: string }) => !["pending", "running"].includes(run.status);

describe("cancelling", () => {
  it("cancels a pending run at once, and its queued job never starts", async () => {
    // No worker yet: the run is pending with its job queued.
    const run = await trigger("test_slow");
    const cancelled = await testJobs.cancel(run.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    expect(cancelled.startedAt).toBeNull();
    const { rows } = await getPool().query("SELECT state FROM pgboss.job WHERE id = $1", [run.queueJobId]);
    expect(rows[0]?.state).toBe("cancelled");

    worker = await startTestWorker();
    // A run triggered after it completes, proving the worker is taking work…
    const later = await trigger("test_stubborn");
    await waitFor(() => read(later.id), ended);
    // …while the cancelled one never ran.
    expect((await read(run.id)).startedAt).toBeNull();
    expect((await read(run.id)).status).toBe("cancelled");
  });

  it("stops a running run through isCancelled and the signal, keeping its progress", async () => {
    const run = await trigger("test_slow");
    await waitFor(() => read(run.id), (current) => current.status === "running" && current.progressProcessed >= 3);
    const requested = await testJobs.cancel(run.id);
    expect(requested.status).toBe("running");
    expect(requested.cancelRequestedAt).toBeInstanceOf(Date);

    const done = await waitFor(() => read(run.id), ended);
    expect(done.status).toBe("cancelled");
    expect(done.finishedAt!.getTime() - done.cancelRequestedAt!.getTime()).toBeLessThan(2000);
    expect(done.progressProcessed).toBeGreaterThanOrEqual(3);
    expect(done.progressProcessed).toBeLessThan(600);
    expect(done.errorMessage).toBeNull();
  });

  it("ends a handler that ignores cancellation as cancelled when it returns", async () => {
    const run = await trigger("test_stubborn");
    await waitFor(() => read(run.id), (current) => current.status === "running");
    await testJobs.cancel(run.id);
    const done = await waitFor(() => read(run.id), ended);
    expect(done.status).toBe("cancelled");
    expect(done.result).toEqual({ ignoredCancellation: true });
  });

  it("refuses to cancel a finished run with 409", async () => {
    const run = await trigger("test_fail");
    await waitFor(() => read(run.id), ended);
    const error = (await testJobs.cancel(run.id).catch((caught: unknown) => caught)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("conflict");
    expect(error.status).toBe(409);
    expect((await read(run.id)).status).toBe("failed");
  });
});

describe("retrying", () => {
  it("never retries by itself: a failed run stays failed with its error", async () => {
    const run = await trigger("test_fail");
    const done = await waitFor(() => read(run.id), ended);
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe("boom: the test handler failed");
    const { rows } = await getPool().query("SELECT state, retry_count FROM pgboss.job WHERE id = $1", [run.queueJobId]);
    expect(rows[0]).toMatchObject({ retry_count: 0 });
    expect(await prisma.jobRun.count({ where: { type: "test_fail", projectId: project.id, retryOfId: run.id } })).toBe(0);
  });

  it("retries failed and cancelled runs as new runs linked to them", async () => {
    const failed = await trigger("test_fail", true);
    await waitFor(() => read(failed.id), ended);
    const retry = await testJobs.retry(failed.id, { userId: adminId, apiKeyId: null });
    expect(retry.id).not.toBe(failed.id);
    expect(retry.retryOfId).toBe(failed.id);
    expect(retry.triggerKind).toBe("retry");
    expect(retry.notify).toBe(true);
    expect(retry.params).toEqual(failed.params);
    await waitFor(() => read(retry.id), ended);

    const cancelled = await trigger("test_slow");
    await testJobs.cancel(cancelled.id);
    await waitFor(() => read(cancelled.id), ended);
    const again = await testJobs.retry(cancelled.id, { userId: adminId, apiKeyId: null });
    expect(again.retryOfId).toBe(cancelled.id);
    await testJobs.cancel(again.id);
  });

  it("refuses to retry runs that are active or completed with 409", async () => {
    const completed = await trigger("test_stubborn");
    await waitFor(() => read(completed.id), ended);
    const running = await trigger("test_slow");
    for (const id of [completed.id, running.id]) {
      const error = (await testJobs.retry(id, { userId: adminId, apiKeyId: null }).catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(409);
    }
    await testJobs.cancel(running.id);
    await waitFor(() => read(running.id), ended);
  });
});
