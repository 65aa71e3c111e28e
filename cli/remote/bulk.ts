// Bulk actions from the CLI (issue 19): `taskdeck failures list|retry` and `taskdeck jobs
// cancel-pending`, over GET …/failures, POST …/failures/retry and POST …/runs/cancel-pending. Each
// asks the count first (dryRun) and acts only once confirmed: --yes, or "y" at a terminal's prompt.
// Without a terminal and without --yes it refuses, so a script never acts on a count it never saw.
import { createInterface } from "node:readline/promises";
import { Command, Option } from "commander";
import type { FailurePage } from "@/lib/jobs/failures";
import { failureWindowKeys } from "@/lib/jobs/schemas";
import { CliError, exitCodes } from "../exit-codes";
import { jsonOption, type Runner } from "../options";
import { createOutput, table } from "../output";
import { plural } from "@/lib/plural";
import { createApiClient, type ApiClient } from "./client";
import { path, project, url, type Common } from "./jobs";

const windowOption = () => new Option("-w, --window <window>", "how far back").choices(failureWindowKeys).default("30d");
const yesOption = () => new Option("-y, --yes", "act without asking (scripts); without it the count is shown and confirmed at the terminal");

/** True once the person at the terminal says yes to `question`; a refusal without one. */
async function confirmed(question: string, options: { yes?: boolean; json?: boolean }): Promise<boolean> {
  if (options.yes) return true;
  if (!process.stdin.isTTY || options.json) throw new CliError(`${question} Add --yes to confirm it without a terminal.`, exitCodes.badInput);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

export function failuresCommand(run: Runner): Command {
  const failures = new Command("failures").description("a project's failed runs, grouped by job type and error, and retrying a group");

  failures
    .command("list")
    .description("list the project's failure groups, most recently seen first")
    .addOption(project())
    .addOption(windowOption())
    .option("--page <page>", "the page (25 groups each)", "1")
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string; window: string; page: string }) =>
      run(async () => {
        const answer = await createApiClient(options).get<FailurePage>(`/projects/${path(options.project)}/failures?${new URLSearchParams({ window: options.window, page: options.page })}`);
        const rows = answer.groups.map((group) => [String(group.count), group.type, group.fingerprint, group.lastSeenAt, group.message.length > 60 ? `${group.message.slice(0, 59)}…` : group.message]);
        const text = answer.groups.length === 0 ? "No failures in this window." : table([["COUNT", "TYPE", "FINGERPRINT", "LAST SEEN", "ERROR"], ...rows]);
        createOutput(Boolean(options.json)).result(`${text}\n${plural(answer.failures, "failed run")} in ${plural(answer.groupCount, "group")}, page ${answer.page} of ${answer.pageCount}.`, answer);
        return exitCodes.ok;
      }),
    );

  failures
    .command("retry")
    .description("retry every failed run of a group that has no retry yet: the first at once, the rest one after another")
    .argument("<type>", "the group's job type")
    .argument("<fingerprint>", "the group's fingerprint (taskdeck failures list)")
    .addOption(project())
    .addOption(windowOption())
    .addOption(yesOption())
    .addOption(url())
    .addOption(jsonOption())
    .action((type: string, fingerprint: string, options: Common & { project: string; window: string; yes?: boolean }) =>
      run(async () => {
        const client = createApiClient(options);
        const target = `/projects/${path(options.project)}/failures/retry`;
        const preview = await client.post<{ planned: number; leftOver: number }>(target, { type, fingerprint, window: options.window, dryRun: true });
        const output = createOutput(Boolean(options.json));
        if (preview.planned === 0) {
          output.result("Every failed run of this group in this window has a retry already.", preview);
          return exitCodes.ok;
        }
        if (!(await confirmed(`Retry ${plural(preview.planned, "failed run")} of ${type}?`, options))) {
          output.result("Nothing retried.", { ...preview, retried: 0 });
          return exitCodes.ok;
        }
        const started = await client.post<{ bulkRetryId: string; planned: number; retried: number; leftOver: number }>(target, { type, fingerprint, window: options.window });
        const rest = started.planned - started.retried;
        const lines = [`Retrying ${plural(started.planned, "run")}: ${started.retried} started${rest > 0 ? `, ${rest} to follow one after another as each ends` : ""}.`];
        if (started.leftOver > 0) lines.push(`${plural(started.leftOver, "more run")} beyond this request's 500: run it again once these are done.`);
        output.result(lines.join("\n"), started);
        return exitCodes.ok;
      }),
    );
  return failures;
}

/** `taskdeck jobs cancel-pending [--type T] [--yes]`. */
export function addCancelPendingCommand(jobs: Command, run: Runner): void {
  jobs
    .command("cancel-pending")
    .description("cancel the project's pending runs, of one type or of all (each like `jobs cancel`)")
    .addOption(project())
    .option("-t, --type <type>", "only this job type's pending runs")
    .addOption(yesOption())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string; type?: string; yes?: boolean }) =>
      run(async () => {
        const client: ApiClient = createApiClient(options);
        const target = `/projects/${path(options.project)}/runs/cancel-pending`;
        const scope = options.type ? { type: options.type } : {};
        const preview = await client.post<{ pending: number }>(target, { ...scope, dryRun: true });
        const output = createOutput(Boolean(options.json));
        if (preview.pending === 0) {
          output.result("No pending runs to cancel.", { ...preview, cancelled: 0 });
          return exitCodes.ok;
        }
        if (!(await confirmed(`Cancel ${plural(preview.pending, "pending run")}${options.type ? ` of ${options.type}` : ""}?`, options))) {
          output.result("Nothing cancelled.", { ...preview, cancelled: 0 });
          return exitCodes.ok;
        }
        const done = await client.post<{ cancelled: number; stopping: number; leftOver: number }>(target, scope);
        const lines = [`Cancelled ${plural(done.cancelled, "pending run")}.`];
        if (done.stopping > 0) lines.push(`${plural(done.stopping, "run")} started meanwhile and ${done.stopping === 1 ? "was" : "were"} asked to stop.`);
        if (done.leftOver > 0) lines.push(`${plural(done.leftOver, "more pending run")} beyond this request's 500: run it again.`);
        output.result(lines.join("\n"), done);
        return exitCodes.ok;
      }),
    );
}
