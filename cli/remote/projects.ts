// `taskdeck projects`: the projects the API key's team has, with the slug every other command takes.
import { Command } from "commander";
import type { ApiProject } from "@/lib/jobs/schemas";
import { exitCodes } from "../exit-codes";
import { jsonOption, type Runner } from "../options";
import { createOutput, table } from "../output";
import { createApiClient } from "./client";
import { url, type Common } from "./jobs";

export function projectsCommand(run: Runner): Command {
  return new Command("projects")
    .description("list the projects of the API key's team")
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common) =>
      run(async () => {
        const { projects } = await createApiClient(options).get<{ projects: ApiProject[] }>("/projects");
        const rows = projects.map((project) => [project.slug, project.name, project.id]);
        createOutput(Boolean(options.json)).result(projects.length === 0 ? "No projects yet." : table([["SLUG", "NAME", "ID"], ...rows]), { projects });
        return exitCodes.ok;
      }),
    );
}
