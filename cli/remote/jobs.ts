// `taskdeck jobs …`: the remote commands, over REST API v1 with TASKDECK_URL and TASKDECK_API_KEY.
import { Command, Option } from "commander";
import type { ApiJobType } from "@/lib/jobs/job-types";
import { runStatuses, triggerKinds, type ApiRun } from "@/lib/jobs/schemas";
import { scheduleInWords } from "@/lib/jobs/schedule-text";
import { CliError, exitCodes } from "../exit-codes";
import { createOutput, runSummary, runsTable, table } from "../output";
import { collect, parseParams } from "../params";
import { exitCodeForRun, waitForRun } from "../wait";
import { createApiClient, type ApiClient } from "./client";
import { addLogsCommand } from "./logs";
import { listAllRuns, PAGE_SIZE, type RunsPage } from "./run-pages";
import { type Runner, jsonOption } from "../options";

export interface Common {
  url?: string;
  json?: boolean;
}

export const project = () => new Option("-p, --project <project>", "the project's slug or id").makeOptionMandatory();
export const url = () => new Option("--url <url>", "the Taskdeck server (default: TASKDECK_URL)");
export const wait = () => new Option("-w, --wait", "follow the run with a progress bar until it ends; exit 0 only if it completed");
export const timeout = () => new Option("--timeout <seconds>", "with --wait: stop waiting after this long (exit 3; the run goes on)").argParser(positiveNumber);

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new CliError(`expected a positive number, got "${value}"`, exitCodes.badInput);
  return number;
}

export const path = (value: string) => encodeURIComponent(value);

/** Prints the run, or follows it with --wait; the returned code is the process's exit code. */
export async function finishWithRun(client: ApiClient, run: ApiRun, options: Common & { wait?: boolean; timeout?: number }, verb: string): Promise<number> {
  const output = createOutput(Boolean(options.json));
  if (!options.wait) {
    output.result(`${verb} run ${run.id} (${run.type}, ${run.status})`, { run });
    return exitCodes.ok;
  }
  output.note(`${verb} run ${run.id} (${run.type}); waiting for it to end…`);
  const ended = await waitForRun({
    read: async () => (await client.get<{ run: ApiRun }>(`/runs/${path(run.id)}`)).run,
    timeoutSeconds: options.timeout,
    cancelHint: `Cancel it with: taskdeck jobs cancel ${run.id}`,
  });
  output.result(runSummary(ended), { run: ended });
  return exitCodeForRun(ended);
}

export function jobsCommand(run: Runner): Command {
  const jobs = new Command("jobs").description("trigger and follow a project's jobs through the REST API (TASKDECK_URL, TASKDECK_API_KEY)");

  jobs
    .command("types")
    .description("list the project's job types and their params")
    .addOption(project())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string }) =>
      run(async () => {
        const client = createApiClient(options);
        const { jobTypes } = await client.get<{ jobTypes: ApiJobType[] }>(`/projects/${path(options.project)}/job-types`);
        const rows = jobTypes.map((type) => [type.type, type.label, type.ordering, scheduleInWords(type.schedule), Object.keys((type.paramsSchema.properties as object | undefined) ?? {}).join(", ") || "-"]);
        createOutput(Boolean(options.json)).result(table([["TYPE", "LABEL", "ORDERING", "SCHEDULE", "PARAMS"], ...rows]), { jobTypes });
        return exitCodes.ok;
      }),
    );

  jobs
    .command("trigger")
    .description("trigger a job; with --wait, follow it until it ends")
    .argument("<type>", "the job type, e.g. revenuecat_sync")
    .addOption(project())
    .option("--param <key=value>", "a parameter (repeatable); JSON values such as 50 or true are taken as JSON", collect, [])
    .option("--notify", "email the key's creator when the run ends")
    .addOption(wait())
    .addOption(timeout())
    .addOption(url())
    .addOption(jsonOption())
    .action((type: string, options: Common & { project: string; param: string[]; notify?: boolean; wait?: boolean; timeout?: number }) =>
      run(async () => {
        const params = parseParams(options.param);
        const client = createApiClient(options);
        const { run: created } = await client.post<{ run: ApiRun }>(`/projects/${path(options.project)}/jobs`, {
          type,
          ...(options.param.length > 0 ? { params } : {}),
          ...(options.notify ? { notify: true } : {}),
        });
        return finishWithRun(client, created, options, "Triggered");
      }),
    );

  jobs
    .command("runs")
    .description("list the project's runs, newest first")
    .addOption(project())
    .addOption(new Option("-s, --status <status>", "only runs in this status").choices(runStatuses))
    .option("-t, --type <type>", "only runs of this job type")
    .addOption(new Option("--trigger <kind>", "only runs triggered this way").choices(triggerKinds))
    .option("--param <key=value>", "only runs whose params have this value, e.g. reviewId=123")
    .option("--id <prefix>", "only runs whose id starts with this (at least 4 hex digits)")
    .addOption(new Option("-n, --limit <count>", "how many (1-100)").default(25).argParser(positiveNumber))
    .option("-c, --cursor <cursor>", "the page after this one: nextCursor of the previous page (--json shows it)")
    // --all starts at the newest run, so a cursor to start from would contradict it.
    .addOption(new Option("-a, --all", `every run, following the pages (${PAGE_SIZE} a page) to the last`).conflicts("cursor"))
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string; status?: string; type?: string; trigger?: string; param?: string; id?: string; limit: number; cursor?: string; all?: boolean }) =>
      run(async () => {
        const client = createApiClient(options);
        const runsPath = `/projects/${path(options.project)}/runs`;
        const filters = Object.fromEntries(
          (["status", "type", "trigger", "param", "id"] as const).flatMap((name) => (options[name] === undefined ? [] : [[name, options[name]]])),
        ) as Record<string, string>;
        const output = createOutput(Boolean(options.json));
        if (options.all) {
          const everyRun = await listAllRuns(client, runsPath, filters);
          output.result(runsTable(everyRun.runs), everyRun);
          return exitCodes.ok;
        }
        const query = new URLSearchParams({ ...filters, limit: String(options.limit), ...(options.cursor ? { cursor: options.cursor } : {}) });
        const page = await client.get<RunsPage>(`${runsPath}?${query}`);
        output.result(runsTable(page.runs), page);
        // People reading the table get the next page's command; --json carries nextCursor itself.
        if (page.nextCursor && !options.json) output.note(`More runs: add --cursor ${page.nextCursor}, or use --all`);
        return exitCodes.ok;
      }),
    );

  jobs
    .command("show")
    .description("show one run")
    .argument("<run>", "the run's id")
    .addOption(wait())
    .addOption(timeout())
    .addOption(url())
    .addOption(jsonOption())
    .action((runId: string, options: Common & { wait?: boolean; timeout?: number }) =>
      run(async () => {
        const client = createApiClient(options);
        const { run: found } = await client.get<{ run: ApiRun }>(`/runs/${path(runId)}`);
        if (options.wait) return finishWithRun(client, found, options, "Following");
        createOutput(Boolean(options.json)).result(runSummary(found), { run: found });
        return exitCodes.ok;
      }),
    );

  jobs
    .command("cancel")
    .description("cancel a pending run at once, or ask a running one to stop")
    .argument("<run>", "the run's id")
    .addOption(wait())
    .addOption(url())
    .addOption(jsonOption())
    .action((runId: string, options: Common & { wait?: boolean }) =>
      run(async () => {
        const client = createApiClient(options);
        const { run: cancelled } = await client.post<{ run: ApiRun }>(`/runs/${path(runId)}/cancel`);
        if (options.wait) {
          const code = await finishWithRun(client, cancelled, options, "Cancelling");
          // Cancelling succeeded if the run ended cancelled; anything else is reported as it is.
          return code === exitCodes.runCancelled ? exitCodes.ok : code;
        }
        const note = cancelled.status === "running" ? "cancel requested; the handler stops at its next check" : cancelled.status;
        createOutput(Boolean(options.json)).result(`Run ${cancelled.id}: ${note}`, { run: cancelled });
        return exitCodes.ok;
      }),
    );

  jobs
    .command("retry")
    .description("retry a failed or cancelled run as a new run; --param changes a param of the retry (retry with changes)")
    .argument("<run>", "the run's id")
    .option("--param <key=value>", "a param to change (repeatable), on top of the failed run's params; JSON values such as 50 or true are taken as JSON", collect, [])
    .addOption(wait())
    .addOption(timeout())
    .addOption(url())
    .addOption(jsonOption())
    .action((runId: string, options: Common & { param: string[]; wait?: boolean; timeout?: number }) =>
      run(async () => {
        const changes = parseParams(options.param);
        const client = createApiClient(options);
        // The API takes the retry's whole params; the CLI changes only the ones named.
        const body = options.param.length > 0 ? { params: { ...((await client.get<{ run: ApiRun }>(`/runs/${path(runId)}`)).run.params as Record<string, unknown>), ...changes } } : undefined;
        const { run: retry } = await client.post<{ run: ApiRun }>(`/runs/${path(runId)}/retry`, body);
        return finishWithRun(client, retry, options, `Retrying ${runId} as`);
      }),
    );

  addLogsCommand(jobs, run);
  return jobs;
}
