// `taskdeck admin health`: is the job system working? The workers (live, gone or stopped, with
// their queues, concurrency and the runs they execute), each job type's pending and running runs,
// and the run that has waited longest. Exits 1 when no worker is live, so cron or a monitor can
// run it as a check.
import { Command } from "commander";
import { CliError, exitCodes } from "../exit-codes";
import { createOutput, table } from "../output";
import { type Runner, jsonOption } from "../options";

const seconds = (value: number) => (value < 90 ? `${Math.round(value)} s` : value < 5400 ? `${Math.round(value / 60)} min` : `${Math.round(value / 3600)} h`);

export function healthCommand(run: Runner): Command {
  return new Command("health")
    .description("the workers (live, gone, stopped), queue depths and the longest-waiting run; exits 1 when no worker is live")
    .option("--within <hours>", "list workers seen in the last this many hours", "24")
    .addOption(jsonOption())
    .action((options: { within: string; json?: boolean }) =>
      run(async () => {
        const within = Number(options.within);
        if (!Number.isInteger(within) || within < 1 || within > 720) {
          throw new CliError("--within must be a whole number of hours from 1 to 720", exitCodes.badInput);
        }
        const { readHealth } = await import("@/lib/jobs/workers");
        const health = await readHealth(within);
        const lines: string[] = [];
        lines.push(health.liveWorkers === 0 ? "No live worker: runs are not being executed." : `${health.liveWorkers} live worker${health.liveWorkers === 1 ? "" : "s"}.`);
        if (health.workers.length > 0) {
          lines.push(
            table([
              ["STATE", "WORKER", "HOST/PID", "VERSION", "LAST BEAT", "CONCURRENCY", "QUEUES", "RUNNING"],
              ...health.workers.map((worker) => [
                worker.state,
                worker.id.slice(0, 8),
                `${worker.hostname}/${worker.pid}`,
                worker.version,
                `${seconds(worker.heartbeatAgeSeconds)} ago`,
                String(worker.concurrency),
                String(worker.queues.length),
                worker.runningRunIds.length === 0 ? "-" : worker.runningRunIds.map((id) => id.slice(0, 8)).join(","),
              ]),
            ]),
          );
        }
        lines.push(health.queues.length === 0 ? "Queues: nothing pending or running." : table([["TYPE", "PENDING", "RUNNING"], ...health.queues.map((queue) => [queue.type, String(queue.pending), String(queue.running)])]));
        const oldest = health.oldestWaiting;
        lines.push(oldest ? `Oldest waiting: ${oldest.type} run ${oldest.runId}, waiting ${seconds(oldest.waitingSeconds)}` : "Nothing is waiting to start.");
        createOutput(Boolean(options.json)).result(lines.join("\n"), health);
        return health.liveWorkers === 0 ? exitCodes.runFailed : exitCodes.ok;
      }),
    );
}
