// `taskdeck admin runs show RUN`: any run, of a project or of the system, as the server owner sees
// it: everything the API shows plus the error's stack, which only the server owner reads.
import { Command, Option } from "commander";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getRun, toApiRun, type RunRecord } from "@/lib/jobs/runs";
import { exitCodes } from "../exit-codes";
import { createOutput, runSummary } from "../output";
import { type Runner } from "../options";


export async function findRun(runId: string): Promise<RunRecord> {
  const run = z.uuid().safeParse(runId).success ? await getRun(runId) : null;
  if (!run) throw new AppError("not_found", `No run ${runId}`);
  return run;
}

/** The run's summary with its stack, as text and as JSON. */
export function showRunWithStack(found: RunRecord, json: boolean): void {
  const text = runSummary(toApiRun(found)) + (found.errorStack ? `\n  stack\n${found.errorStack.replace(/^/gm, "    ")}` : "");
  createOutput(json).result(text, { run: { ...toApiRun(found), errorStack: found.errorStack } });
}

export function runsCommand(run: Runner): Command {
  const runs = new Command("runs").description("any run, project or system, with its error's stack");
  runs
    .command("show")
    .description("show a run, with its error's stack")
    .argument("<run>", "the run's id")
    .addOption(new Option("--json", "print JSON instead of text"))
    .action((runId: string, options: { json?: boolean }) =>
      run(async () => {
        showRunWithStack(await findRun(runId), Boolean(options.json));
        return exitCodes.ok;
      }),
    );
  return runs;
}
