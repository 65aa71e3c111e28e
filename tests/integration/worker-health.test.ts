// The server owner's health view (issue 19, `taskdeck admin health`): live workers with their
// queues, concurrency and running runs; a killed worker listed as gone once it missed three beats
// (its heartbeat window), a gracefully stopped one as stopped at once; queue depths and the run
// that has waited longest.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { GONE_AFTER_BEATS, readHealth, type WorkerHealth } from "@/lib/jobs/workers";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

const children: ChildProcess[] = [];
let projectId: string;
let userId: string;

beforeAll(async () => {
  await setUpTestJobTypes();
  const { project, team } = await createProject();
  projectId = project.id;
  userId = (await createUser("admin", team.id)).id;
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await releaseAll();
});

const trigger = (type: string, params: Record<string, unknown> = {}) => triggerJob({ type, projectId, params, source: { kind: "user", userId } });

/** A test worker process beating every `beatSeconds`; resolves with its worker id once it takes work. */
async function startWorkerProcess(beatSeconds: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/worker-process.ts"], {
    env: { ...process.env, LOG_LEVEL: "info", TEST_HEARTBEAT_SECONDS: String(beatSeconds) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  createInterface({ input: child.stderr! }).on("line", () => undefined);
  const workerId = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const ready = /worker ready.*workerId="([0-9a-f-]{36})"/.exec(line);
      if (ready) resolve(ready[1]!);
    });
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  return { child, workerId };
}

const workerIn = async (id: string): Promise<WorkerHealth | undefined> => (await readHealth()).workers.find((worker) => worker.id === id);

/** The taskdeck CLI against this file's database: its exit code and stdout. */
function taskdeck(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ["scripts/taskdeck.mjs", ...args], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout })));
}

describe("worker health", () => {
  it("lists a live worker with its queues and running run, and a killed one as gone after its heartbeat window", async () => {
    const { child, workerId } = await startWorkerProcess(1);
    const run = await trigger("test_slow");
    const live = await waitFor(() => workerIn(workerId), (worker) => worker?.runningRunIds.includes(run.id) === true, 20_000);
    expect(live).toMatchObject({ state: "live", pid: child.pid, concurrency: 1, heartbeatSeconds: 1, version: "0.1.0", stoppedAt: null });
    expect(live!.queues).toEqual(expect.arrayContaining(["test_slow", "test_noop"]));

    // The CLI says the same, and exits 0 while a worker is live.
    const cli = await taskdeck(["admin", "health", "--json"]);
    expect(cli.code).toBe(0);
    const listed = (JSON.parse(cli.stdout) as { workers: WorkerHealth[]; liveWorkers: number }).workers.find((worker) => worker.id === workerId);
    expect(listed).toMatchObject({ state: "live", runningRunIds: [run.id] });

    child.kill("SIGKILL");
    const killedAt = Date.now();
    // Live until its last beat is three beats old, gone from then on: the window is the database's
    // clock against the beat it last wrote, so this holds however slow the machine.
    const gone = await waitFor(() => workerIn(workerId), (worker) => worker?.state === "gone", 20_000, 100);
    expect(gone!.heartbeatAgeSeconds).toBeGreaterThanOrEqual(GONE_AFTER_BEATS * 1);
    expect(new Date(gone!.heartbeatAt).getTime()).toBeLessThanOrEqual(killedAt + 1000);
    // Found gone by the first look after the window closed (the looks are 100 ms apart).
    expect(gone!.heartbeatAgeSeconds).toBeLessThan(GONE_AFTER_BEATS * 1 + 2);
    const stillGone = await workerIn(workerId);
    expect(stillGone!.heartbeatAt).toBe(gone!.heartbeatAt);
    // Its run is failed by the stale-run sweep, as before; health does not touch runs.
    await testJobs.cancel(run.id).catch(() => undefined);
  });

  it("lists a gracefully stopped worker as stopped at once, and exits 1 when no worker is live", async () => {
    const worker = await startTestWorker({ concurrency: 2, heartbeatSeconds: 1 });
    const [row] = await prisma.worker.findMany({ where: { stoppedAt: null, concurrency: 2 }, orderBy: { startedAt: "desc" }, take: 1 });
    expect((await workerIn(row!.id))?.state).toBe("live");
    await worker.stop();
    expect(await workerIn(row!.id)).toMatchObject({ state: "stopped", runningRunIds: [] });

    await waitFor(() => readHealth(), (health) => health.liveWorkers === 0, 20_000);
    const cli = await taskdeck(["admin", "health"]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain("No live worker: runs are not being executed.");
  });

  it("counts pending and running runs per type, and names the run that has waited longest", async () => {
    // No worker is live now: what is triggered waits.
    const echo = await trigger("test_echo", { text: "hello" });
    const noop = await trigger("test_noop");
    const health = await readHealth();
    expect(health.queues).toEqual(expect.arrayContaining([{ type: "test_echo", pending: 1, running: 0 }, { type: "test_noop", pending: 1, running: 0 }]));
    expect(health.oldestWaiting).toMatchObject({ runId: echo.id, type: "test_echo", projectId });
    await testJobs.cancel(echo.id);
    expect((await readHealth()).oldestWaiting?.runId).toBe(noop.id);
    await testJobs.cancel(noop.id);
    expect((await readHealth()).oldestWaiting).toBeNull();
  });

  it("refuses a bad --within with a clear message", async () => {
    const cli = await taskdeck(["admin", "health", "--within", "soon"]);
    expect(cli.code).toBe(4);
  });
});
