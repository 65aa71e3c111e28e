// `taskdeck admin runs show RUN`: any run, of a project or of the system, as the server owner sees
// it: everything the API shows plus the error's stack (cli/admin/run-details.ts).
import { Command, Option } from "commander";
import { exitCodes } from "../exit-codes";
import { type Runner } from "../options";

export function runsCommand(run: Runner): Command {
  const runs = new Command("runs").description("any run, project or system, with its error's stack");
  runs
    .command("show")
    .description("show a run, with its error's stack")
    .argument("<run>", "the run's id")
    .addOption(new Option("--json", "print JSON instead of text"))
    .action((runId: string, options: { json?: boolean }) =>
      run(async () => {
        const { findRun, showRunWithStack } = await import("./run-details");
        showRunWithStack(await findRun(runId), Boolean(options.json));
        return exitCodes.ok;
      }),
    );
  return runs;
}
