// Stale-run recovery and graceful shutdown (semantics 10) with real worker processes: one is
// killed with SIGKILL mid-run, another stopped with SIGTERM and a short grace period.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { saveIntegration } from "@/lib/integrations/store";
import { closePool } from "@/lib/db/pool";
import { stopSenderBoss } from "@/lib/jobs/queue";
import { startRevenueCatSandbox, type RevenueCatSandbox } from "@/sandbox/revenuecat/server";
import { RESTART_MESSAGE } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { testJobs, triggerJob } from "../helpers/test-job-types";

const slow = { projectId: "proj_slow", apiKey: "sk_slow", customerCount: 80, seed: 3 };
const quick = { projectId: "proj_quick", apiKey: "sk_quick", customerCount: 5, seed: 4 };
let sandbox: RevenueCatSandbox;
let adminId: string;
let teamId: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // ~150 ms per request: a sync of the slow account takes over ten seconds.
  sandbox = await startRevenueCatSandbox({ projects: [slow, quick], delayMs: 150 });
  const { team } = await createProject();
  teamId = team.id;
  adminId = (await createUser("admin", team.id)).id;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await sandbox?.close();
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
});

async function projectOn(account: typeof slow) {
  const project = await prisma.project.create({ data: { teamId, name: "Crash test", slug: `crash-${crypto.randomUUID().slice(0, 8)}` } });
  await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: account.projectId, apiKey: account.apiKey });
  return project.id;
}

/** Starts `worker/index.ts` as its own process and resolves once it is taking work. */
async function startWorkerProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: { ...process.env, REVENUECAT_API_URL: sandbox.url, WORKER_CONCURRENCY: "1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line.includes("worker ready") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  return child;
}

const trigger = (projectId: string) => triggerJob({ type: "revenuecat_sync", projectId, source: { kind: "user", userId: adminId } });
const read = (id: string) => prisma.jobRun.findUniqueOrThrow({ where: { id } });
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));

describe("a worker killed with SIGKILL", () => {
  it("has its running run failed by a live worker within 60 s, without touching other runs", async () => {
    const doomed = await startWorkerProcess();
    const held = await trigger(await projectOn(slow));
    await waitFor(() => read(held.id), (run) => run.status === "running" && run.progressProcessed > 0);

    const survivor = await startWorkerProcess();
    const live = await trigger(await projectOn(slow));
    await waitFor(() => read(live.id), (run) => run.status === "running");
    // Both workers are busy (one run each): this one waits in the queue.
    const queued = await trigger(await projectOn(quick));
    expect((await read(queued.id)).status).toBe("pending");

    doomed.kill("SIGKILL");
    const killedAt = Date.now();
    await exited(doomed);

    const recovered = await waitFor(() => read(held.id), (run) => run.status !== "running", 75_000, 250);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(recovered.status).toBe("failed");
    expect(recovered.errorMessage).toBe(RESTART_MESSAGE);
    // The live worker's run was never touched, and the queued run survived and ran afterwards.
    expect((await read(live.id)).status).not.toBe("failed");
    expect((await waitFor(() => read(live.id), (run) => run.status === "completed", 60_000)).errorMessage).toBeNull();
    expect((await waitFor(() => read(queued.id), (run) => run.status === "completed", 60_000)).status).toBe("completed");

    survivor.kill("SIGTERM");
    expect(await exited(survivor)).toBe(0);
  });
});

describe("a worker stopped with SIGTERM", () => {
  it("takes no new work, lets short runs finish within the grace period, then fails the rest clearly", async () => {
    const worker = await startWorkerProcess({ WORKER_CONCURRENCY: "2", WORKER_SHUTDOWN_GRACE_SECONDS: "3" });
    const short = await trigger(await projectOn(quick));
    const long = await trigger(await projectOn(slow));
    await waitFor(() => Promise.all([read(short.id), read(long.id)]), (runs) => runs.every((run) => run.status === "running"));

    worker.kill("SIGTERM");
    const stoppedAt = Date.now();
    const afterStop = await trigger(await projectOn(quick));
    expect(await exited(worker)).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);

    expect((await read(short.id)).status).toBe("completed");
    const failed = await read(long.id);
    expect(failed.status).toBe("failed");
    expect(failed.errorMessage).toBe("Worker shut down before the run finished (shutdown grace period ran out)");
    // The stopping worker took no new work; the run waits for the next worker.
    expect((await read(afterStop.id)).status).toBe("pending");
    const next = await startWorkerProcess();
    await waitFor(() => read(afterStop.id), (run) => run.status === "completed", 30_000);
    next.kill("SIGTERM");
    await exited(next);
  });
});

describe("a cancel made in another process", () => {
  it("reaches the worker process's handler within 2 seconds", async () => {
    const worker = await startWorkerProcess();
    const run = await trigger(await projectOn(slow));
    await waitFor(() => read(run.id), (current) => current.status === "running" && current.progressProcessed > 0);
    // This test process plays the web process: the cancel is only a row update in PostgreSQL.
    await testJobs.cancel(run.id);
    const done = await waitFor(() => read(run.id), (current) => current.status !== "running", 10_000, 50);
    expect(done.status).toBe("cancelled");
    expect(done.finishedAt!.getTime() - done.cancelRequestedAt!.getTime()).toBeLessThan(2000);
    expect(done.progressProcessed).toBeGreaterThan(0);
    worker.kill("SIGTERM");
    await exited(worker);
  });
});
