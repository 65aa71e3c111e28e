// The `taskdeck` CLI: remote commands for agents and scripts (`jobs …`, over REST API v1) and
// local admin commands for the server owner (`admin …`, straight against the database).
// Exit codes: cli/exit-codes.ts, documented in the README.
// Only the command definitions load at start: each command imports what its action needs when it
// runs (the admin commands the database stack, `mcp` the MCP SDK), so `--help` and the remote
// commands start without Prisma, pg-boss or the admin code.
import { Command, CommanderError } from "commander";
import { AppError } from "@/lib/errors";
import { EnvError } from "@/lib/env";
import { SecretKeyError } from "@/lib/secrets/seal";
import { keysCommand, membersCommand, teamsCommand, usersCommand } from "./admin/accounts";
import { healthCommand } from "./admin/health";
import { projectsCommand } from "./admin/projects";
import { runsCommand } from "./admin/runs";
import { secretsCommand } from "./admin/secrets";
import { systemJobsCommand } from "./admin/system-jobs";
import { CliError, exitCodeForStatus, exitCodes } from "./exit-codes";
import { addCancelPendingCommand, failuresCommand } from "./remote/bulk";
import { jobsCommand } from "./remote/jobs";
import { mcpCommand } from "./remote/mcp";
import { projectsCommand as remoteProjectsCommand } from "./remote/projects";
import { laneCommand } from "./remote/lane";
import { overviewCommand } from "./remote/overview";
import { schedulesCommand } from "./remote/schedules";
import { adsCommand, integrationsCommand, ratingsCommand } from "./remote/seed";

let json = false;

function fail(error: unknown): number {
  const cliError =
    error instanceof CliError
      ? error
      : error instanceof AppError
        ? new CliError([error.message, ...(error.issues ?? []).map((issue) => `  ${issue.path}: ${issue.message}`)].join("\n"), exitCodeForStatus(error.status), { code: error.code })
        : error instanceof EnvError
          ? new CliError(error.message, exitCodes.badInput)
          : null;
  if (error instanceof SecretKeyError) return fail(new CliError(error.message, exitCodes.badInput));
  if (cliError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: { message: cliError.message, exitCode: cliError.exitCode, ...cliError.details } }, null, 2)}\n`);
    process.stderr.write(`taskdeck: ${cliError.message}\n`);
    return cliError.exitCode;
  }
  process.stderr.write(`taskdeck: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCodes.serverError;
}

/**
 * Exits once stdout and stderr have handed everything to the OS: on a pipe, writes are
 * asynchronous, and exiting at once cut a large --json answer off mid-string.
 */
async function exit(code: number): Promise<never> {
  const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write("", () => resolve()));
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

/** Runs a remote command's action and exits with its code. */
async function runRemote(action: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await action();
  } catch (error) {
    code = fail(error);
  }
  await exit(code);
}

/** Runs an admin command's action against the database, closing every connection afterwards. */
async function runAdmin(action: () => Promise<number>): Promise<void> {
  let code: number;
  let close = async () => {};
  try {
    const { openAdminDatabase } = await import("./admin/database");
    const database = await openAdminDatabase();
    close = database.close;
    code = await action();
  } catch (error) {
    code = fail(error);
  }
  // Only what the action opened is closed: importing pg-boss or Prisma merely to close nothing
  // would cost every admin command their load time. Their per-process instances live on
  // globalThis (lib/jobs/queue.ts, lib/db/prisma.ts).
  const opened = globalThis as { taskdeckBoss?: unknown; taskdeckPrisma?: unknown };
  if (opened.taskdeckBoss) await (await import("@/lib/jobs/queue")).stopSenderBoss().catch(() => undefined);
  if (opened.taskdeckPrisma) await (await import("@/lib/db/prisma")).disconnectPrisma().catch(() => undefined);
  const { closePool } = await import("@/lib/db/pool");
  await closePool().catch(() => undefined);
  await close().catch(() => undefined);
  await exit(code);
}

export function buildProgram(): Command {
  const program = new Command("taskdeck")
    .description("Taskdeck: trigger and follow background jobs (jobs …), and administer a server (admin …)")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  // --json anywhere on the line also makes errors machine-readable.
  program.hook("preAction", (_command, action) => {
    json = Boolean(action.opts().json);
  });
  program.addCommand(remoteProjectsCommand(runRemote));
  const jobs = jobsCommand(runRemote);
  addCancelPendingCommand(jobs, runRemote);
  program.addCommand(jobs);
  program.addCommand(overviewCommand(runRemote));
  program.addCommand(laneCommand(runRemote));
  program.addCommand(failuresCommand(runRemote));
  program.addCommand(schedulesCommand(runRemote));
  program.addCommand(ratingsCommand(runRemote));
  program.addCommand(adsCommand(runRemote));
  program.addCommand(integrationsCommand(runRemote));
  program.addCommand(mcpCommand(runRemote));
  const admin = new Command("admin").description("server owner's commands, against DATABASE_URL (or demo mode's embedded database)");
  for (const command of [usersCommand, teamsCommand, membersCommand, projectsCommand, keysCommand, systemJobsCommand, runsCommand, secretsCommand, healthCommand]) admin.addCommand(command(runAdmin));
  program.addCommand(admin);
  // Subcommands inherit exitOverride only when it is set on each of them.
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; anything else is a usage error.
      await exit(error.exitCode === 0 ? 0 : exitCodes.badInput);
    }
    await exit(fail(error));
  }
}
