// Fencing (issue 17): a handler writes only while its run is running. A worker frozen past the
// stale-run window has its run failed elsewhere and a new run of the type may start; when it wakes,
// its handler is stopped and none of its writes (Prisma, plain SQL, a transaction) go through.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fencedRun, isRunFenced, outsideRun } from "@/lib/db/fence";
import { closePool, getPool, withTransaction } from "@/lib/db/pool";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { claimRun, recoverStaleRuns } from "@/lib/jobs/lifecycle";
import { stopSenderBoss } from "@/lib/jobs/queue";
import type { RunningWorker } from "@/worker/worker";
import { RESTART_MESSAGE } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { startDatabaseProxy, type DatabaseProxy } from "../helpers/tcp-proxy";
import { setUpTestJobTypes, testCatalog, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const children: ChildProcess[] = [];
const workers: RunningWorker[] = [];
const proxies: DatabaseProxy[] = [];
let projectId: string;
let teamId: string;
let userId: string;

beforeAll(async () => {
  await setUpTestJobTypes();
  const { project, team } = await createProject();
  projectId = project.id;
  teamId = team.id;
  userId = (await createUser("admin", team.id)).id;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const worker of workers) await worker.stop();
  for (const proxy of proxies) await proxy.close();
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
});

const trigger = (params: { rows: number; delayMs: number }, project = projectId) =>
  triggerJob({ type: "test_writer", projectId: project, params, source: { kind: "user", userId } });
const rowsOf = async (runId: string) =>
  Number((await getPool().query<{ count: string }>(`SELECT count(*) FROM app_users WHERE app_user_id LIKE $1`, [`${runId}:%`])).rows[0]!.count);
const read = (id: string) => prisma.jobRun.findUniqueOrThrow({ where: { id } });
const insert = `INSERT INTO app_users (id, project_id, app_user_id, subscription_status, has_access, synced_at) VALUES (gen_random_uuid(), $1, $2, 'none', false, now())`;
const failureOf = (work: () => Promise<unknown>) => work().then(() => null, (error: unknown) => error);

/** A test worker process; resolves once it takes work. `lines` collects what it logs, both streams. */
async function startWorkerProcess(env: Record<string, string> = {}) {
  const lines: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/worker-process.ts"], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const output = createInterface({ input: child.stdout! });
  output.on("line", (line) => lines.push(line));
  // Warnings go to stderr.
  createInterface({ input: child.stderr! }).on("line", (line) => lines.push(line));
  await new Promise<void>((resolve, reject) => {
    output.on("line", (line) => line.includes("worker ready") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  return { child, lines };
}

describe("the write fence", () => {
  it("lets a running run's handler write every way, and refuses each way once the run was ended elsewhere", async () => {
    const { id: runId } = await trigger({ rows: 1, delayMs: 0 });
    expect(await claimRun(runId)).not.toBeNull();
    const fence = { runId, endedElsewhere: null };
    const data = (row: number) => ({ projectId, appUserId: `${runId}:${row}`, subscriptionStatus: "none", hasAccess: false, syncedAt: new Date() });

    await fencedRun(fence, async () => {
      await prisma.appUser.create({ data: data(1) });
      await getPool().query(insert, [projectId, `${runId}:2`]);
      await withTransaction((client) => client.query(insert, [projectId, `${runId}:3`]));
      await prisma.$transaction(async (tx) => tx.appUser.create({ data: data(4) }));
    });
    expect(await rowsOf(runId)).toBe(4);

    // Another worker's sweep fails the run (its job never went active here: it counts as stale).
    expect(await recoverStaleRuns(0, RESTART_MESSAGE, testCatalog.label)).toEqual([runId]);
    const refused = await fencedRun(fence, () =>
      Promise.all([
        failureOf(() => prisma.appUser.create({ data: data(5) })),
        failureOf(() => prisma.appUser.upsert({ where: { projectId_appUserId: { projectId, appUserId: `${runId}:1` } }, create: data(1), update: { hasAccess: true } })),
        failureOf(() => getPool().query(insert, [projectId, `${runId}:6`])),
        failureOf(() => withTransaction((client) => client.query(insert, [projectId, `${runId}:7`]))),
        failureOf(() => prisma.$transaction(async (tx) => tx.appUser.create({ data: data(8) }))),
        failureOf(() => prisma.appUser.deleteMany({ where: { appUserId: { startsWith: `${runId}:` } } })),
      ]),
    );
    for (const error of refused) expect(isRunFenced(error), String(error)).toBe(true);
    // Reads still work; nothing was written or changed.
    const rows = await fencedRun(fence, () => prisma.appUser.findMany({ where: { appUserId: { startsWith: `${runId}:` } } }));
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => !row.hasAccess)).toBe(true);
  });

  it("holds until the write commits: the stale-run sweep skips a run whose handler is mid-transaction, and fails it after", async () => {
    const { id: runId } = await trigger({ rows: 1, delayMs: 0 });
    await claimRun(runId);
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const transaction = fencedRun({ runId, endedElsewhere: null }, () =>
      withTransaction(async (client) => {
        await client.query(insert, [projectId, `${runId}:1`]);
        wrote();
        await held;
      }),
    );
    await written;
    expect(await outsideRun(() => recoverStaleRuns(0, RESTART_MESSAGE, testCatalog.label))).toEqual([]);
    expect((await read(runId)).status).toBe("running");
    commit();
    await transaction;
    expect(await recoverStaleRuns(0, RESTART_MESSAGE, testCatalog.label)).toEqual([runId]);
    expect(await rowsOf(runId)).toBe(1);
  });
});

describe("a frozen worker", () => {
  it("wakes to find its run failed and a new one done, stops its handler, and writes nothing more", async () => {
    const frozen = await startWorkerProcess();
    const { id: oldRunId } = await trigger({ rows: 2000, delayMs: 20 });
    await waitFor(() => rowsOf(oldRunId), (count) => count >= 10);
    frozen.child.kill("SIGSTOP");

    // Its job's heartbeat goes silent; another worker's sweep fails the run as stale.
    await waitFor(() => recoverStaleRuns(1, RESTART_MESSAGE, testCatalog.label), (ids) => ids.includes(oldRunId), 60_000, 250);
    const ended = await read(oldRunId);
    const rowsWhenEnded = await rowsOf(oldRunId);

    // A new run of the type starts on another worker and finishes while the old one sleeps.
    const other = await startTestWorker();
    workers.push(other);
    const { id: newRunId } = await trigger({ rows: 5, delayMs: 0 });
    await waitFor(() => read(newRunId), (run) => run.status === "completed");
    await other.stop();
    workers.splice(workers.indexOf(other), 1);

    frozen.child.kill("SIGCONT");
    await waitFor(async () => frozen.lines.join("\n"), (log) => log.includes("run was no longer running when it finished"), 30_000);
    expect(await rowsOf(oldRunId)).toBe(rowsWhenEnded);
    const after = await read(oldRunId);
    expect(after).toMatchObject({ status: "failed", errorMessage: RESTART_MESSAGE, progressProcessed: ended.progressProcessed });
    expect(after.finishedAt).toEqual(ended.finishedAt);
    expect(await rowsOf(newRunId)).toBe(5);
    frozen.child.kill("SIGKILL");
  });
});

describe("a database outage during a run", () => {
  it("fails the run with what happened, written once the database is back, not later as a restart", async () => {
    const proxy = await startDatabaseProxy(process.env.DATABASE_URL!);
    proxies.push(proxy);
    const project = await prisma.project.create({ data: { teamId, name: "Outage", slug: `outage-${crypto.randomUUID().slice(0, 8)}` } });
    const cutOff = await startWorkerProcess({ DATABASE_URL: proxy.url });
    const { id: runId } = await trigger({ rows: 2000, delayMs: 20 }, project.id);
    await waitFor(() => rowsOf(runId), (count) => count >= 5);
    proxy.cut();
    await waitFor(async () => cutOff.lines.join("\n"), (log) => log.includes("the run's ending waits for it"), 30_000);
    proxy.restore();
    const run = await waitFor(() => read(runId), (found) => found.status !== "running", 30_000);
    expect(run.status).toBe("failed");
    expect(run.errorMessage).toMatch(/^The database could not be reached during the run: /);
  });
});
