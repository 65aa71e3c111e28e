// `taskdeck lane show|retry|skip`: a project's lane (PRODUCT.md "Job semantics" 8) over
// GET …/lane, POST …/lane/retry and POST …/lane/skip, as the dashboard's "Lane paused" banner.
import { Command } from "commander";
import type { LaneState } from "@/lib/jobs/lanes";
import type { ApiRun } from "@/lib/jobs/schemas";
import { exitCodes } from "../exit-codes";
import { jsonOption, type Runner } from "../options";
import { createOutput, table } from "../output";
import { createApiClient } from "./client";
import { finishWithRun, path, project, timeout, url, wait, type Common } from "./jobs";

export function laneText(lane: LaneState): string {
  const lines = [lane.paused ? `Lane paused by run ${lane.pausedByRunId}` : "Lane running"];
  if (lane.error) lines.push(`  error   ${lane.error.message}`);
  if (lane.paused) lines.push("  resume with: taskdeck lane retry (run it again, first) or taskdeck lane skip (drop it)");
  if (lane.queued.length === 0) lines.push("No lane runs queued.");
  else lines.push(table([["POSITION", "ID", "TYPE"], ...lane.queued.map((run) => [String(run.position), run.id, run.type])]));
  return lines.join("\n");
}

export function laneCommand(run: Runner): Command {
  const lane = new Command("lane").description("a project's lane: its lane jobs run one at a time, and a failure pauses them until retried or skipped");

  lane
    .command("show")
    .description("show whether the lane is paused, by which run and why, and what waits in it")
    .addOption(project())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string }) =>
      run(async () => {
        const answer = await createApiClient(options).get<{ lane: LaneState }>(`/projects/${path(options.project)}/lane`);
        createOutput(Boolean(options.json)).result(laneText(answer.lane), answer);
        return exitCodes.ok;
      }),
    );

  lane
    .command("retry")
    .description("run the failed lane run again, first in the lane, and resume; with --wait, follow it")
    .addOption(project())
    .addOption(wait())
    .addOption(timeout())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string; wait?: boolean; timeout?: number }) =>
      run(async () => {
        const client = createApiClient(options);
        const { run: retry } = await client.post<{ run: ApiRun }>(`/projects/${path(options.project)}/lane/retry`);
        return finishWithRun(client, retry, options, `Retrying ${retry.retryOfId ?? "the failed lane run"} as`);
      }),
    );

  lane
    .command("skip")
    .description("drop the failed lane run and resume the lane")
    .addOption(project())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string }) =>
      run(async () => {
        const answer = await createApiClient(options).post<{ lane: LaneState }>(`/projects/${path(options.project)}/lane/skip`);
        createOutput(Boolean(options.json)).result(`Skipped the failed run; the lane resumes.\n${laneText(answer.lane)}`, answer);
        return exitCodes.ok;
      }),
    );

  return lane;
}
