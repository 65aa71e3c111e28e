// --wait: follow a run until it ends, with a live progress bar on a terminal and plain lines
// otherwise (logs, CI, agents). Used by remote commands (polling the API) and admin commands
// (polling the database) alike. The run's end decides the exit code: 0 only when it completed.
import type { ApiRun } from "@/lib/jobs/schemas";
import { CliError, exitCodes, type ExitCode } from "./exit-codes";
import { progressText } from "./output";

export interface WaitOptions {
  read: () => Promise<ApiRun>;
  /** Give up (exit 3) after this many seconds; the run goes on. */
  timeoutSeconds?: number;
  intervalMs?: number;
  stream?: NodeJS.WriteStream;
  /** How to cancel the run, shown when someone stops waiting with Ctrl-C. */
  cancelHint: string;
}

const finished = (run: ApiRun) => run.status === "completed" || run.status === "failed" || run.status === "cancelled";
// Transient failures while following a run (network, 5xx, 429) are retried this many times in a row.
const MAX_TRANSIENT_FAILURES = 10;

export function exitCodeForRun(run: ApiRun): ExitCode {
  if (run.status === "completed") return exitCodes.ok;
  return run.status === "cancelled" ? exitCodes.runCancelled : exitCodes.runFailed;
}

export async function waitForRun(options: WaitOptions): Promise<ApiRun> {
  const stream = options.stream ?? process.stderr;
  const render = stream.isTTY ? barRenderer(stream) : lineRenderer(stream);
  const deadline = options.timeoutSeconds === undefined ? Infinity : Date.now() + options.timeoutSeconds * 1000;
  let lastRunId = "";
  const onInterrupt = () => {
    render.done();
    stream.write(`Stopped waiting; the run goes on. ${options.cancelHint}\n`);
    process.exit(exitCodes.interrupted);
  };
  process.once("SIGINT", onInterrupt);
  try {
    let failures = 0;
    for (;;) {
      let run: ApiRun;
      try {
        run = await options.read();
        failures = 0;
      } catch (error) {
        if (!isTransient(error) || ++failures > MAX_TRANSIENT_FAILURES) throw error;
        await pause(retryDelay(error, failures));
        continue;
      }
      lastRunId = run.id;
      render.update(run);
      if (finished(run)) {
        render.done();
        return run;
      }
      if (Date.now() > deadline) {
        render.done();
        throw new CliError(`Still ${run.status} after ${options.timeoutSeconds} s; stopped waiting (the run goes on)`, exitCodes.waitTimedOut, { runId: run.id });
      }
      await pause(options.intervalMs ?? 500);
    }
  } catch (error) {
    if (error instanceof CliError && lastRunId && !("runId" in error.details)) error.details.runId = lastRunId;
    throw error;
  } finally {
    process.removeListener("SIGINT", onInterrupt);
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof CliError)) return false;
  return error.exitCode === exitCodes.unreachable || error.exitCode === exitCodes.rateLimited || error.exitCode === exitCodes.serverError;
}

function retryDelay(error: unknown, failures: number): number {
  const retryAfter = Number((error as CliError).details.retryAfterSeconds);
  return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(500 * 2 ** failures, 10_000);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Renderer {
  update(run: ApiRun): void;
  done(): void;
}

// One line per change: "12:01:05 running 45/200 (22%) Synced 38 users, 7 skipped".
function lineRenderer(stream: NodeJS.WriteStream): Renderer {
  let last = "";
  return {
    update(run) {
      const line = `${run.status} ${progressText(run)}`;
      if (line === last) return;
      last = line;
      stream.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
    },
    done() {},
  };
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

// A bar redrawn in place: "⠹ running [██████░░░░░░░░░░░░░░]  45/200  22%  Synced 38 users".
function barRenderer(stream: NodeJS.WriteStream): Renderer {
  let frame = 0;
  let drawn = false;
  return {
    update(run) {
      const { processed, total, percent, message } = run.progress;
      const width = 24;
      const filled = percent === null ? 0 : Math.round((percent / 100) * width);
      const bar = percent === null ? "" : ` [${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
      const counts = total === null ? `${processed}` : `${processed}/${total}  ${percent ?? 0}%`;
      const icon = finished(run) ? (run.status === "completed" ? "✔" : "✖") : SPINNER[frame++ % SPINNER.length];
      const line = `${icon} ${run.status}${bar}  ${counts}${message ? `  ${message}` : ""}`;
      const columns = stream.columns ?? 100;
      stream.write(`\r\x1b[2K${line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
