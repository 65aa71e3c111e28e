// `taskdeck schedules list|set`: a project's schedules over GET/PUT /api/v1/projects/:projectId/schedules,
// the same answers the dashboard's Schedules page and GET …/job-types give.
import { Command, Option } from "commander";
import type { ApiSchedule } from "@/lib/jobs/project-schedules";
import { scheduleInWords } from "@/lib/jobs/schedule-text";
import { exitCodes } from "../exit-codes";
import { jsonOption, type Runner } from "../options";
import { createOutput, table } from "../output";
import { createApiClient } from "./client";
import { path, project, url, type Common } from "./jobs";

const everyChoices = ["5", "15", "30", "off"] as const;

// "-" for types without a per-project interval, so "off" only ever means "could be set, is not".
const intervalText = (schedule: ApiSchedule) => (!schedule.configurable ? "-" : schedule.intervalMinutes === null ? "off" : `${schedule.intervalMinutes} min`);

export function schedulesTable(schedules: ApiSchedule[]): string {
  return table([["TYPE", "LABEL", "SCHEDULE", "INTERVAL"], ...schedules.map((schedule) => [schedule.type, schedule.label, scheduleInWords(schedule.cron), intervalText(schedule)])]);
}

export function schedulesCommand(run: Runner): Command {
  const schedules = new Command("schedules").description("when a project's job types run on their own, and their per-project intervals");

  schedules
    .command("list")
    .description("list each job type's schedule for the project")
    .addOption(project())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string }) =>
      run(async () => {
        const client = createApiClient(options);
        const answer = await client.get<{ schedules: ApiSchedule[] }>(`/projects/${path(options.project)}/schedules`);
        createOutput(Boolean(options.json)).result(schedulesTable(answer.schedules), answer);
        return exitCodes.ok;
      }),
    );

  schedules
    .command("set")
    .description("run a type on the project every 5, 15 or 30 minutes, or turn its schedule off")
    .argument("<type>", "a job type with a per-project interval, e.g. pull_changes")
    .addOption(new Option("--every <minutes>", "the interval in minutes, or off").choices(everyChoices).makeOptionMandatory())
    .addOption(project())
    .addOption(url())
    .addOption(jsonOption())
    .action((type: string, options: Common & { project: string; every: (typeof everyChoices)[number] }) =>
      run(async () => {
        const client = createApiClient(options);
        const intervalMinutes = options.every === "off" ? null : Number(options.every);
        const answer = await client.put<{ schedule: ApiSchedule }>(`/projects/${path(options.project)}/schedules`, { type, intervalMinutes });
        const { schedule } = answer;
        createOutput(Boolean(options.json)).result(`${schedule.type} (${schedule.label}): ${scheduleInWords(schedule.cron)}`, answer);
        return exitCodes.ok;
      }),
    );

  return schedules;
}
