// `taskdeck admin projects …`: create and list projects, and connect them to the services their
// jobs talk to, through the same integrations as the project settings page (imported when a
// command runs).
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { integrationDefinitions, integrationKinds, isIntegrationKind, type IntegrationKind } from "@/lib/integrations/kinds";
import { collect } from "../params";
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
        const { createProject } = await import("@/lib/accounts/projects");
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
        const { listProjects } = await import("@/lib/accounts/projects");
        const all = await listProjects(options.team);
        const rows = all.map((p) => [p.slug, p.name, p.team.slug, p.id]);
        createOutput(Boolean(options.json)).result(table([["SLUG", "NAME", "TEAM", "ID"], ...rows]), { projects: all });
        return ok;
      }),
    );
  projects
    .command("connect")
    .description("connect a project to a service its jobs talk to, or change its settings; secrets come from files")
    .argument("<kind>", `the service: ${integrationKinds.join(", ")}`)
    .requiredOption("--project <project>", "the project's slug or id")
    .option("--set <name=value>", "a setting that is not a secret (repeatable), e.g. --set appId=1234567890", collect, [])
    .option("--secret-file <name=file>", "a secret setting read from a file (repeatable), e.g. --secret-file privateKey=AuthKey.p8", collect, [])
    .option("--no-pull", "App Store Connect: connect only, do not queue Pull All")
    .addOption(jsonOption())
    .action((kind: string, options: { project: string; set: string[]; secretFile: string[]; pull: boolean; json?: boolean }) =>
      run(async () => {
        const integration = requireKind(kind);
        const input = { ...settings(integration, options.set), ...secretSettings(integration, options.secretFile) };
        return connect(options.project, integration, input, options.pull, Boolean(options.json));
      }),
    );
  projects
    .command("connect-revenuecat")
    .description("connect a project to RevenueCat (the same as `connect revenuecat`)")
    .requiredOption("--project <project>", "the project's slug or id")
    .requiredOption("--revenuecat-project <id>", "the RevenueCat project id, e.g. proj1ab2c3d4")
    .requiredOption("--api-key-file <file>", "a file holding the RevenueCat v2 secret key (sk_…)")
    .addOption(jsonOption())
    .action((options: { project: string; revenuecatProject: string; apiKeyFile: string; json?: boolean }) =>
      run(() => connect(options.project, "revenuecat", { revenuecatProjectId: options.revenuecatProject, apiKey: readSecret(options.apiKeyFile, "--api-key-file") }, false, Boolean(options.json))),
    );
  projects
    .command("connect-app-store")
    .description("connect a project to App Store Connect (the same as `connect app_store_connect`); queues Pull All, as on app setup")
    .requiredOption("--project <project>", "the project's slug or id")
    .requiredOption("--issuer-id <uuid>", "the API key's issuer id")
    .requiredOption("--key-id <id>", "the API key's id")
    .requiredOption("--private-key-file <file>", "the .p8 private key downloaded from App Store Connect")
    .requiredOption("--app-id <id>", "the app's numeric App Store Connect id")
    .option("--no-pull", "connect only; do not queue Pull All")
    .addOption(jsonOption())
    .action((options: { project: string; issuerId: string; keyId: string; privateKeyFile: string; appId: string; pull: boolean; json?: boolean }) =>
      run(() =>
        connect(
          options.project,
          "app_store_connect",
          { issuerId: options.issuerId, keyId: options.keyId, appId: options.appId, privateKey: readSecret(options.privateKeyFile, "--private-key-file") },
          options.pull,
          Boolean(options.json),
        ),
      ),
    );
  projects
    .command("disconnect")
    .description("disconnect a project from a service; its credentials are deleted")
    .argument("<kind>", `the service: ${integrationKinds.join(", ")}`)
    .requiredOption("--project <project>", "the project's slug or id")
    .action((kind: string, options: { project: string }) =>
      run(async () => {
        const [{ findProjectBySlugOrId }, { disconnectIntegration }] = await Promise.all([import("@/lib/accounts/projects"), import("@/lib/integrations/connect")]);
        const project = await findProjectBySlugOrId(options.project);
        await disconnectIntegration(project.id, requireKind(kind));
        createOutput(false).result(`Disconnected ${project.slug} from ${integrationDefinitions[requireKind(kind)].label}`, {});
        return ok;
      }),
    );
  projects
    .command("check")
    .description("test a project's connection to a service with its stored credentials")
    .argument("<kind>", `the service: ${integrationKinds.join(", ")}`)
    .requiredOption("--project <project>", "the project's slug or id")
    .addOption(jsonOption())
    .action((kind: string, options: { project: string; json?: boolean }) =>
      run(async () => {
        const [{ findProjectBySlugOrId }, { checkIntegration }] = await Promise.all([import("@/lib/accounts/projects"), import("@/lib/integrations/checks")]);
        const project = await findProjectBySlugOrId(options.project);
        const { result } = await checkIntegration(project.id, requireKind(kind));
        createOutput(Boolean(options.json)).result(`${result.ok ? "OK" : "FAILED"}: ${result.message}`, { check: result });
        return result.ok ? ok : exitCodes.serverError;
      }),
    );
  return projects;
}

function requireKind(kind: string): IntegrationKind {
  if (!isIntegrationKind(kind)) throw new CliError(`"${kind}" is not a service; services: ${integrationKinds.join(", ")}`, exitCodes.badInput);
  return kind;
}

const secretNames = (kind: IntegrationKind) => integrationDefinitions[kind].fields.filter((field) => field.secret).map((field) => field.name);

function pairs(values: string[], option: string): Array<[string, string]> {
  return values.map((value) => {
    const equals = value.indexOf("=");
    if (equals < 1) throw new CliError(`${option} takes name=value, got "${value}"`, exitCodes.badInput);
    return [value.slice(0, equals), value.slice(equals + 1)];
  });
}

function settings(kind: IntegrationKind, values: string[]): Record<string, string> {
  const given = pairs(values, "--set");
  const secret = given.find(([name]) => secretNames(kind).includes(name));
  if (secret) throw new CliError(`${secret[0]} is a secret: pass it with --secret-file ${secret[0]}=<file>, so it stays out of shell history`, exitCodes.badInput);
  return Object.fromEntries(given);
}

function secretSettings(kind: IntegrationKind, values: string[]): Record<string, string> {
  return Object.fromEntries(pairs(values, "--secret-file").map(([name, file]) => [name, readSecret(file, `--secret-file ${name}`)]));
}

async function connect(project: string, kind: IntegrationKind, input: Record<string, string>, pull: boolean, json: boolean): Promise<number> {
  const [{ findProjectBySlugOrId }, { connectIntegration }] = await Promise.all([import("@/lib/accounts/projects"), import("@/lib/integrations/connect")]);
  const { id, slug } = await findProjectBySlugOrId(project);
  const { integration, pullAll } = await connectIntegration(id, kind, input, { userId: null, source: { kind: "admin_cli" }, pullAll: pull });
  const text = `Connected ${slug} to ${integration.label} (${integration.secretHint})` + (pullAll ? `; Pull All queued as run ${pullAll.id}` : "");
  createOutput(json).result(text, { integration, pullAllRunId: pullAll?.id ?? null });
  return ok;
}

// Secrets come from files, so they never appear in shell history or the process list.
function readSecret(file: string, option: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new CliError(`Cannot read ${option} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, exitCodes.badInput);
  }
}
