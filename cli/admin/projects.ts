// `taskdeck admin projects …`: create and list projects, and connect them to the services their
// jobs talk to (RevenueCat, App Store Connect).
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { connectAppStoreConnect, connectRevenueCat } from "@/lib/accounts/integrations";
import { createProject, listProjects } from "@/lib/accounts/projects";
import { CliError, exitCodes } from "../exit-codes";
import { createOutput, table } from "../output";
import { type Runner, jsonOption, teamOption } from "../options";

const ok = exitCodes.ok;

export function projectsCommand(run: Runner): Command {
  const projects = new Command("projects").description("a team's apps, whose jobs Taskdeck runs");
  projects
    .command("create")
    .description("create a project in a team")
    .addOption(teamOption())
    .requiredOption("--name <name>", "the project's name")
    .option("--slug <slug>", "its slug (default: made from the name)")
    .addOption(jsonOption())
    .action((options: { team: string; name: string; slug?: string; json?: boolean }) =>
      run(async () => {
        const created = await createProject(options);
        createOutput(Boolean(options.json)).result(`Created project ${created.name} (${created.slug}, ${created.id})`, { project: created });
        return ok;
      }),
    );
  projects
    .command("list")
    .description("list projects")
    .option("--team <team>", "only this team's")
    .addOption(jsonOption())
    .action((options: { team?: string; json?: boolean }) =>
      run(async () => {
        const all = await listProjects(options.team);
        const rows = all.map((p) => [p.slug, p.name, p.team.slug, p.id]);
        createOutput(Boolean(options.json)).result(table([["SLUG", "NAME", "TEAM", "ID"], ...rows]), { projects: all });
        return ok;
      }),
    );
  projects
    .command("connect-revenuecat")
    .description("connect a project to RevenueCat, for revenuecat_sync (the key is read from a file, out of shell history)")
    .requiredOption("--project <project>", "the project's slug or id")
    .requiredOption("--revenuecat-project <id>", "the RevenueCat project id, e.g. proj1ab2c3d4")
    .requiredOption("--api-key-file <file>", "a file holding the RevenueCat v2 secret key (sk_…)")
    .action((options: { project: string; revenuecatProject: string; apiKeyFile: string }) =>
      run(async () => {
        await connectRevenueCat(options.project, { revenuecatProjectId: options.revenuecatProject, apiKey: readSecret(options.apiKeyFile, "--api-key-file") });
        createOutput(false).result(`Connected ${options.project} to RevenueCat project ${options.revenuecatProject}`, {});
        return ok;
      }),
    );
  projects
    .command("connect-app-store")
    .description("connect a project to App Store Connect, for the StorePush lane jobs; queues Pull All, as on app setup")
    .requiredOption("--project <project>", "the project's slug or id")
    .requiredOption("--issuer-id <uuid>", "the API key's issuer id")
    .requiredOption("--key-id <id>", "the API key's id")
    .requiredOption("--private-key-file <file>", "the .p8 private key downloaded from App Store Connect")
    .requiredOption("--app-id <id>", "the app's numeric App Store Connect id")
    .option("--no-pull", "connect only; do not queue Pull All")
    .addOption(jsonOption())
    .action((options: { project: string; issuerId: string; keyId: string; privateKeyFile: string; appId: string; pull: boolean; json?: boolean }) =>
      run(async () => {
        const privateKey = readSecret(options.privateKeyFile, "--private-key-file");
        const pull = await connectAppStoreConnect(options.project, { issuerId: options.issuerId, keyId: options.keyId, privateKey, appId: options.appId }, { pullAll: options.pull });
        const text = `Connected ${options.project} to App Store Connect app ${options.appId}` + (pull ? `; Pull All queued as run ${pull.id}` : "");
        createOutput(Boolean(options.json)).result(text, { pullAllRunId: pull?.id ?? null });
        return ok;
      }),
    );
  return projects;
}

// Secrets come from files, so they never appear in shell history or the process list.
function readSecret(file: string, option: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new CliError(`Cannot read ${option} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, exitCodes.badInput);
  }
}
