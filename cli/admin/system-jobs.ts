// `taskdeck admin system-jobs …`: the server owner's view of system jobs, which the API and the
// dashboard never show (PRODUCT.md "Access"): their schedules, runs (with stacks), and triggers.
// The job catalog and the database stack are imported when a command runs.
import { Command, Option } from "commander";
import { AppError } from "@/lib/errors";
import { runStatuses, type RunStatus } from "@/lib/jobs/schemas";
import { CliError, exitCodes } from "../exit-codes";
import { createOutput, progressText, runSummary, runsTable, table } from "../output";
import { collect, parseParams } from "../params";
import { exitCodeForRun, waitForRun } from "../wait";
import { type Runner, jsonOption } from "../options";

// The types that run without a project: system types, and the fan-out of a project type's cron.
async function systemTypes() {
  const [{ jobs }, { runsWithoutProject }] = await Promise.all([import("@/lib/jobs/jobs"), import("@/lib/jobs/definition")]);
  return jobs.catalog.all().filter(runsWithoutProject);
}

async function requireSystemType(type: string) {
  const types = await systemTypes();
  if (!types.some((definition) => definition.type === type)) {
    const known = types.map((d) => d.type).join(", ");
    throw new CliError(`"${type}" is not a system job type; system types: ${known}`, exitCodes.badInput);
  }
}

async function readSystemRun(runId: string) {
  const { findRun } = await import("./run-details");
  const run = await findRun(runId).catch(() => null);
  if (!run || run.projectId !== null) throw new AppError("not_found", `No system run ${runId}`);
  return run;
}

export function systemJobsCommand(run: Runner): Command {
  const command = new Command("system-jobs").description("system jobs: maintenance on cron, invisible to the API and the dashboard");

  command
    .command("list")
    .description("list system job types with their schedules and last runs")
    .addOption(jsonOption())
    .action((options: { json?: boolean }) =>
      run(async () => {
        const [{ prisma }, { nextOccurrence, scheduleInWords }] = await Promise.all([import("@/lib/db/prisma"), import("@/lib/jobs/schedule-text")]);
        const types = await Promise.all(
          (await systemTypes()).map(async (definition) => {
            const cron = definition.schedule?.cron ?? null;
            const last = await prisma.jobRun.findFirst({ where: { type: definition.type, projectId: null }, orderBy: { createdAt: "desc" } });
            const lastSkip = await prisma.scheduleSkip.findFirst({ where: { type: definition.type, projectId: null }, orderBy: { occurredAt: "desc" } });
            return {
              type: definition.type,
              label: definition.label,
              schedule: cron,
              scheduleInWords: scheduleInWords(cron),
              nextRunAt: cron ? (nextOccurrence(cron)?.toISOString() ?? null) : null,
              lastRun: last ? { id: last.id, status: last.status, createdAt: last.createdAt.toISOString(), finishedAt: last.finishedAt?.toISOString() ?? null } : null,
              lastSkippedAt: lastSkip?.occurredAt.toISOString() ?? null,
            };
          }),
        );
        const rows = types.map((t) => [t.type, t.scheduleInWords, t.nextRunAt ?? "-", t.lastRun ? `${t.lastRun.status} ${t.lastRun.createdAt}` : "never", t.lastSkippedAt ?? "-"]);
        createOutput(Boolean(options.json)).result(table([["TYPE", "SCHEDULE", "NEXT RUN (UTC)", "LAST RUN", "LAST SKIPPED"], ...rows]), { systemJobTypes: types });
        return exitCodes.ok;
      }),
    );

  command
    .command("runs")
    .description("list system runs, newest first")
    .option("-t, --type <type>", "only runs of this system type")
    .addOption(new Option("-s, --status <status>", "only runs in this status").choices(runStatuses))
    .option("-n, --limit <count>", "how many (1-500)", "25")
    .addOption(jsonOption())
    .action((options: { type?: string; status?: RunStatus; limit: string; json?: boolean }) =>
      run(async () => {
        if (options.type) await requireSystemType(options.type);
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError("--limit must be a whole number from 1 to 500", exitCodes.badInput);
        const [{ prisma }, { runInclude, toApiRun }] = await Promise.all([import("@/lib/db/prisma"), import("@/lib/jobs/runs")]);
        const runs = await prisma.jobRun.findMany({
          where: { projectId: null, ...(options.type ? { type: options.type } : {}), ...(options.status ? { status: options.status } : {}) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: limit,
          include: runInclude,
        });
        const apiRuns = runs.map(toApiRun);
        createOutput(Boolean(options.json)).result(runsTable(apiRuns), { runs: apiRuns });
        return exitCodes.ok;
      }),
    );

  command
    .command("show")
    .description("show a system run, with its error's stack")
    .argument("<run>", "the run's id")
    .addOption(jsonOption())
    .action((runId: string, options: { json?: boolean }) =>
      run(async () => {
        const { showRunWithStack } = await import("./run-details");
        showRunWithStack(await readSystemRun(runId), Boolean(options.json));
        return exitCodes.ok;
      }),
    );

  command
    .command("trigger")
    .description("run a system job now (a worker must be running); with --wait, follow it")
    .argument("<type>", "the system job type, e.g. job_runs_cleanup")
    .option("--param <key=value>", "a parameter (repeatable)", collect, [])
    .option("-w, --wait", "follow the run until it ends; exit 0 only if it completed")
    .option("--timeout <seconds>", "with --wait: stop waiting after this long (exit 3)")
    .addOption(jsonOption())
    .action((type: string, options: { param: string[]; wait?: boolean; timeout?: string; json?: boolean }) =>
      run(async () => {
        const timeout = options.timeout === undefined ? undefined : Number(options.timeout);
        if (timeout !== undefined && !(timeout > 0)) throw new CliError("--timeout must be a positive number of seconds", exitCodes.badInput);
        const [{ jobs }, { toApiRun }] = await Promise.all([import("@/lib/jobs/jobs"), import("@/lib/jobs/runs")]);
        // The same parser as every surface: unknown and cron-only types are refused with its message.
        const created = await jobs.triggerFrom("system", { type, projectId: null, params: parseParams(options.param), source: { kind: "admin_cli" } });
        const output = createOutput(Boolean(options.json));
        if (!options.wait) {
          output.result(`Triggered ${type}: run ${created.id} (pending; a worker will pick it up)`, { run: toApiRun(created) });
          return exitCodes.ok;
        }
        output.note(`Triggered ${type}: run ${created.id}; waiting for a worker to run it…`);
        let hinted = false;
        const ended = await waitForRun({
          read: async () => {
            const current = toApiRun(await readSystemRun(created.id));
            if (!hinted && current.status === "pending" && Date.now() - Date.parse(current.createdAt) > 10_000) {
              hinted = true;
              output.note("Still pending after 10 s: is a worker running (`npm start` or `npm run worker`)?");
            }
            return current;
          },
          timeoutSeconds: timeout,
          cancelHint: `It keeps running in the worker (${progressText(toApiRun(created))}).`,
        });
        output.result(runSummary(ended), { run: ended });
        return exitCodeForRun(ended);
      }),
    );

  return command;
}
