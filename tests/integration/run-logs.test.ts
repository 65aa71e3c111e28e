// A run's log (issue 19): what its handler logged and how it ended, line by line, bounded per run,
// written in a few statements however chatty the handler, never holding a secret, paged by cursor
// through the same ability the REST API and MCP use, and deleted with its run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRunLogs } from "@/lib/api/abilities";
import type { Actor } from "@/lib/auth/access";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { saveIntegration } from "@/lib/integrations/store";
import { RUN_LOG_LIMIT } from "@/lib/jobs/run-logs";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

let worker: RunningWorker | undefined;
let projectId: string;
let actor: Actor;
let outsider: Actor;
const SECRET = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

beforeAll(async () => {
  await setUpTestJobTypes();
  const { project, team } = await createProject();
  projectId = project.id;
  const user = await createUser("admin", team.id);
  actor = { kind: "user", user: { id: user.id, email: user.email, name: user.name } };
  const other = await createProject();
  const stranger = await createUser("admin", other.team.id);
  outsider = { kind: "user", user: { id: stranger.id, email: stranger.email, name: stranger.name } };
  await saveIntegration(projectId, "revenuecat", { revenuecatProjectId: "proj_logs", apiKey: SECRET });
  worker = await startTestWorker({ concurrency: 2 });
});

afterAll(() => releaseAll(worker));

const runOf = async (params: Record<string, unknown>) => {
  const run = await triggerJob({ type: "test_logger", projectId, params, source: { kind: "user", userId: (actor as { user: { id: string } }).user.id } });
  return waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (found) => !["pending", "running"].includes(found.status), 60_000);
};
const linesOf = (runId: string) => prisma.runLog.findMany({ where: { runId }, orderBy: { id: "asc" } });

describe("a run's log", () => {
  it("keeps the handler's lines in order with their level and fields, and ends with the run's error", async () => {
    const run = await runOf({ lines: 3, fail: true });
    expect(run.status).toBe("failed");
    const lines = await linesOf(run.id);
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ["info", "line 1"],
      ["info", "line 2"],
      ["info", "line 3"],
      ["warn", "almost done"],
      ["error", "the logger failed on purpose"],
    ]);
    expect(lines[1]!.fields).toEqual({ line: 2 });
  });

  it("is bounded: 100,000 lines are a bounded number of rows written in a few statements, and it says how many were dropped", async () => {
    const pool = getPool();
    const query = pool.query.bind(pool);
    let inserts = 0;
    pool.query = ((...args: unknown[]) => {
      const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string }).text);
      if (text.includes("INSERT INTO run_logs")) inserts += 1;
      return (query as (...a: unknown[]) => unknown)(...args);
    }) as typeof pool.query;
    let run;
    try {
      run = await runOf({ lines: 100_000 });
    } finally {
      pool.query = query;
    }
    expect(run.status).toBe("completed");
    const lines = await linesOf(run.id);
    expect(lines).toHaveLength(RUN_LOG_LIMIT);
    const dropped = 100_000 + 1 - (RUN_LOG_LIMIT - 1);
    expect(lines.at(-1)).toMatchObject({ level: "warn", fields: { dropped } });
    expect(lines.at(-1)!.message).toContain(`${dropped.toLocaleString("en-US")} more log lines were dropped`);
    // Read back page by page through the API's ability, in the order written (ids past 9, 99 and
    // 999 sort as numbers, not as text).
    const read: string[] = [];
    let after: string | null = null;
    for (let more = true; more; ) {
      const page: Awaited<ReturnType<typeof getRunLogs>> = await getRunLogs(actor, run.id, { limit: "500", ...(after ? { after } : {}) });
      read.push(...page.logs.map((line) => line.message));
      after = page.nextCursor;
      more = page.hasMore;
    }
    expect(read).toEqual(lines.map((line) => line.message));
    // Coalesced: a few writes a second, not one per line.
    expect(inserts).toBeGreaterThan(0);
    expect(inserts).toBeLessThan(20);
  });

  it("never holds an integration's secret, in a message, a field or the run's error", async () => {
    const run = await runOf({ lines: 0, leakSecrets: true });
    expect(run.status).toBe("failed");
    expect(run.errorMessage).toBe("RevenueCat refused key [redacted]");
    const lines = await linesOf(run.id);
    const stored = JSON.stringify(lines.map(({ message, fields }) => ({ message, fields })));
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(SECRET.slice(8));
    expect(lines.find((line) => line.message.startsWith("calling RevenueCat"))).toMatchObject({
      message: "calling RevenueCat with [redacted]",
      fields: { apiKey: "[redacted]", header: "Bearer [redacted]", nested: { note: "key=[redacted]" } },
    });
  });

  it("is read page by page after a cursor, complete once the run has ended and every line was read", async () => {
    const run = await runOf({ lines: 5 });
    const first = await getRunLogs(actor, run.id, { limit: "4" });
    expect(first.logs.map((line) => line.message)).toEqual(["line 1", "line 2", "line 3", "line 4"]);
    expect(first).toMatchObject({ hasMore: true, complete: false, runStatus: "completed" });
    const second = await getRunLogs(actor, run.id, { after: first.nextCursor, limit: "4" });
    expect(second.logs.map((line) => line.message)).toEqual(["line 5", "almost done"]);
    expect(second).toMatchObject({ hasMore: false, complete: true, nextCursor: second.logs.at(-1)!.id });
    // After the last line: nothing more, the same cursor.
    expect(await getRunLogs(actor, run.id, { after: second.nextCursor })).toMatchObject({ logs: [], nextCursor: second.nextCursor, complete: true });

    await expect(getRunLogs(actor, run.id, { after: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(getRunLogs(actor, run.id, { limit: "0" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(getRunLogs(actor, run.id, { since: "1" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(getRunLogs(outsider, run.id, {})).rejects.toMatchObject({ code: "not_found" });
  });

  it("is deleted with its run", async () => {
    const run = await runOf({ lines: 2 });
    expect(await linesOf(run.id)).toHaveLength(3);
    await getPool().query(`DELETE FROM job_runs WHERE id = $1`, [run.id]);
    expect(await linesOf(run.id)).toHaveLength(0);
  });
});
