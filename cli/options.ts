// What every command file shares: how an action is run (cli/main.ts passes the runner that
// maps errors to exit codes) and the options that mean the same everywhere.
import { Option } from "commander";

/** Runs a command's action and exits with the code it returns. */
export type Runner = (action: () => Promise<number>) => Promise<void>;

export const jsonOption = () => new Option("--json", "print JSON instead of text");
export const teamOption = () => new Option("--team <team>", "the team's slug or id").makeOptionMandatory();
