// --wait's rendering and outcome, against a scripted sequence of run states: a live bar redrawn
// in place on a terminal, plain lines otherwise, and the exit code from how the run ended.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ApiRun } from "@/lib/jobs/schemas";
import { CliError, exitCodes } from "@/cli/exit-codes";
import { exitCodeForRun, waitForRun } from "@/cli/wait";

function run(status: ApiRun["status"], processed: number, total: number | null, message: string | null): ApiRun {
  const percent = total ? Math.floor((processed / total) * 100) : null;
  return {
    id: "6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f",
    type: "revenuecat_sync",
    projectId: null,
    status,
    progress: { processed, total, message, percent },
    result: null,
    error: status === "failed" ? { message: "boom" } : null,
    params: {},
    notify: false,
    trigger: { kind: "api_key", label: "API key" },
    retryOfId: null,
    createdAt: "2026-11-24T10:00:00.000Z",
    startedAt: "2026-11-24T10:00:01.000Z",
    finishedAt: status === "running" || status === "pending" ? null : "2026-11-24T10:00:05.000Z",
  };
}

function stream(isTTY: boolean) {
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => (written += chunk.toString()));
  Object.assign(output, { isTTY, columns: 120 });
  return { stream: output as unknown as NodeJS.WriteStream, written: () => written };
}

function scripted(states: ApiRun[]) {
  let index = 0;
  return async () => states[Math.min(index++, states.length - 1)]!;
}

const states = [run("pending", 0, null, null), run("running", 45, 200, "Synced 38 users"), run("running", 100, 200, "Synced 90 users"), run("completed", 200, 200, "Synced 180 users")];

describe("--wait", () => {
  it("redraws one progress bar in place on a terminal", async () => {
    const out = stream(true);
    const ended = await waitForRun({ read: scripted(states), intervalMs: 1, stream: out.stream, cancelHint: "" });
    expect(ended.status).toBe("completed");
    const frames = out.written().split("\r\x1b[2K").filter(Boolean);
    expect(frames).toHaveLength(4);
    expect(frames[1]).toContain("[█████░░░░░░░░░░░░░░░░░░░]  45/200  22%  Synced 38 users");
    expect(frames[3]).toBe(`✔ completed [${"█".repeat(24)}]  200/200  100%  Synced 180 users\n`);
  });

  it("prints a plain line per change otherwise", async () => {
    const out = stream(false);
    await waitForRun({ read: scripted([states[0]!, states[1]!, states[1]!, states[3]!]), intervalMs: 1, stream: out.stream, cancelHint: "" });
    const lines = out.written().trim().split("\n").map((line) => line.slice(9));
    expect(lines).toEqual(["pending 0 processed", "running 45/200 (22%) Synced 38 users", "completed 200/200 (100%) Synced 180 users"]);
  });

  it("exits 0 only for a completed run", () => {
    expect(exitCodeForRun(run("completed", 1, 1, null))).toBe(exitCodes.ok);
    expect(exitCodeForRun(run("failed", 1, 2, null))).toBe(exitCodes.runFailed);
    expect(exitCodeForRun(run("cancelled", 1, 2, null))).toBe(exitCodes.runCancelled);
  });

  it("rides out passing network failures, and gives up after the timeout", async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls <= 2) throw new CliError("Cannot reach Taskdeck", exitCodes.unreachable);
      return run("running", 1, 10, null);
    };
    const attempt = waitForRun({ read: flaky, intervalMs: 5, timeoutSeconds: 0.05, stream: stream(false).stream, cancelHint: "" });
    await expect(attempt).rejects.toMatchObject({ exitCode: exitCodes.waitTimedOut, details: { runId: "6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f" } });
    expect(calls).toBeGreaterThan(2);
  });
});
