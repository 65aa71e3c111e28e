// `taskdeck admin users|teams|members|keys …`: the server owner's accounts commands,
// straight against the database (lib/accounts, lib/auth/api-keys, imported when a command runs).
import { Command, Option } from "commander";
import { permissionListSchema, teamRoles } from "@/lib/auth/permissions";
import { CliError, exitCodes } from "../exit-codes";
import { createOutput, table } from "../output";
import { type Runner, jsonOption, teamOption } from "../options";

const ok = exitCodes.ok;

export function usersCommand(run: Runner): Command {
  const users = new Command("users").description("people who sign in");
  users
    .command("create")
    .description("create a user who signs in with email and password")
    .requiredOption("--email <email>", "their email address")
    .requiredOption("--password <password>", "at least 8 characters")
    .option("--name <name>", "their name")
    .addOption(jsonOption())
    .action((options: { email: string; password: string; name?: string; json?: boolean }) =>
      run(async () => {
        const { createUser } = await import("@/lib/accounts/users");
        const user = await createUser(options);
        createOutput(Boolean(options.json)).result(`Created user ${user.email} (${user.id})`, { user });
        return ok;
      }),
    );
  users
    .command("set-password")
    .description("give a user a new password; every session they have is signed out")
    .requiredOption("--email <email>", "their email address")
    .requiredOption("--password <password>", "at least 8 characters")
    .addOption(jsonOption())
    .action((options: { email: string; password: string; json?: boolean }) =>
      run(async () => {
        const { setPassword } = await import("@/lib/accounts/users");
        await setPassword(options);
        createOutput(Boolean(options.json)).result(`Set a new password for ${options.email.toLowerCase()}; their sessions are signed out`, { email: options.email.toLowerCase() });
        return ok;
      }),
    );
  users
    .command("list")
    .description("list users and their teams")
    .addOption(jsonOption())
    .action((options: { json?: boolean }) =>
      run(async () => {
        const { listUsers } = await import("@/lib/accounts/users");
        const all = await listUsers();
        const rows = all.map((user) => [user.email, user.name ?? "-", user.memberships.map((m) => `${m.team.slug} (${m.role})`).join(", ") || "-"]);
        createOutput(Boolean(options.json)).result(table([["EMAIL", "NAME", "TEAMS"], ...rows]), { users: all });
        return ok;
      }),
    );
  return users;
}

export function teamsCommand(run: Runner): Command {
  const teams = new Command("teams").description("teams, which own projects and API keys");
  teams
    .command("create")
    .description("create a team")
    .requiredOption("--name <name>", "the team's name")
    .option("--slug <slug>", "its slug (default: made from the name)")
    .addOption(jsonOption())
    .action((options: { name: string; slug?: string; json?: boolean }) =>
      run(async () => {
        const { createTeam } = await import("@/lib/accounts/teams");
        const created = await createTeam(options);
        createOutput(Boolean(options.json)).result(`Created team ${created.name} (${created.slug})`, { team: created });
        return ok;
      }),
    );
  teams
    .command("list")
    .description("list teams")
    .addOption(jsonOption())
    .action((options: { json?: boolean }) =>
      run(async () => {
        const { listTeams } = await import("@/lib/accounts/teams");
        const all = await listTeams();
        const rows = all.map((t) => [t.slug, t.name, String(t._count.memberships), String(t._count.projects)]);
        createOutput(Boolean(options.json)).result(table([["SLUG", "NAME", "MEMBERS", "PROJECTS"], ...rows]), { teams: all });
        return ok;
      }),
    );
  return teams;
}

export function membersCommand(run: Runner): Command {
  const members = new Command("members").description("who belongs to a team, and with which role");
  members
    .command("add")
    .description("add a user to a team, or change their role there (a team keeps its last owner)")
    .addOption(teamOption())
    .requiredOption("--email <email>", "the user's email")
    .addOption(new Option("--role <role>", "their role").choices(teamRoles).makeOptionMandatory())
    .addOption(jsonOption())
    .action((options: { team: string; email: string; role: string; json?: boolean }) =>
      run(async () => {
        const { addMember } = await import("@/lib/accounts/members");
        const result = await addMember(options.team, options.email, options.role);
        const text = result.changed === "added" ? `Added ${options.email} to ${options.team} as ${result.role}` : `${options.email} is now ${result.role} in ${options.team}`;
        createOutput(Boolean(options.json)).result(text, result);
        return ok;
      }),
    );
  members
    .command("remove")
    .description("remove a user from a team (not its last owner)")
    .addOption(teamOption())
    .requiredOption("--email <email>", "the user's email")
    .action((options: { team: string; email: string }) =>
      run(async () => {
        const { removeMember } = await import("@/lib/accounts/members");
        await removeMember(options.team, options.email);
        createOutput(false).result(`Removed ${options.email} from ${options.team}`, {});
        return ok;
      }),
    );
  members
    .command("list")
    .description("list a team's members")
    .addOption(teamOption())
    .addOption(jsonOption())
    .action((options: { team: string; json?: boolean }) =>
      run(async () => {
        const { listMembers } = await import("@/lib/accounts/members");
        const all = await listMembers(options.team);
        const rows = all.map((m) => [m.email, m.name ?? "-", m.role]);
        createOutput(Boolean(options.json)).result(table([["EMAIL", "NAME", "ROLE"], ...rows]), { members: all });
        return ok;
      }),
    );
  return members;
}

export function keysCommand(run: Runner): Command {
  const keys = new Command("keys").description("a team's API keys");
  keys
    .command("create")
    .description("create an API key; it is printed once and cannot be shown again")
    .addOption(teamOption())
    .requiredOption("--name <name>", "what the key is for, e.g. \"CI deploys\"")
    .option("--permissions <list>", "comma-separated: jobs:read, jobs:write", "jobs:read,jobs:write")
    .option("--rate-limit <perMinute>", "requests per minute (default: API_RATE_LIMIT_PER_MINUTE)")
    .option("--created-by <email>", "the user the key acts for: they receive its notify emails")
    .addOption(jsonOption())
    .action((options: { team: string; name: string; permissions: string; rateLimit?: string; createdBy?: string; json?: boolean }) =>
      run(async () => {
        const permissions = permissionListSchema.safeParse(options.permissions);
        if (!permissions.success) throw new CliError(`--permissions: ${permissions.error.issues[0]?.message}`, exitCodes.badInput);
        const rateLimit = options.rateLimit === undefined ? null : Number(options.rateLimit);
        if (rateLimit !== null && !(Number.isInteger(rateLimit) && rateLimit >= 1)) throw new CliError("--rate-limit must be a whole number of at least 1", exitCodes.badInput);
        const [{ findTeam }, { findUserByEmail }, { createApiKey }] = await Promise.all([import("@/lib/accounts/teams"), import("@/lib/accounts/users"), import("@/lib/auth/api-keys")]);
        const owner = await findTeam(options.team);
        const creator = options.createdBy ? await findUserByEmail(options.createdBy) : null;
        const { key, record } = await createApiKey(owner.id, creator?.id ?? null, { name: options.name, permissions: permissions.data, rateLimitPerMinute: rateLimit });
        const output = createOutput(Boolean(options.json));
        output.result(key, { key, apiKey: record });
        if (!options.json) output.note(`Created API key "${record.name}" (${record.prefix}…) for ${owner.slug} with ${record.permissions.join(", ")}. Store it now: it is not shown again.`);
        return ok;
      }),
    );
  keys
    .command("list")
    .description("list a team's API keys (never the keys themselves)")
    .addOption(teamOption())
    .addOption(jsonOption())
    .action((options: { team: string; json?: boolean }) =>
      run(async () => {
        const [{ findTeam }, { listApiKeys }] = await Promise.all([import("@/lib/accounts/teams"), import("@/lib/auth/api-keys")]);
        const owner = await findTeam(options.team);
        const all = await listApiKeys(owner.id);
        const rows = all.map((k) => [k.id, k.name, `${k.prefix}…`, k.permissions.join(","), k.lastUsedAt?.toISOString() ?? "never", k.revokedAt ? "revoked" : "active"]);
        createOutput(Boolean(options.json)).result(table([["ID", "NAME", "PREFIX", "PERMISSIONS", "LAST USED", "STATE"], ...rows]), { apiKeys: all });
        return ok;
      }),
    );
  keys
    .command("revoke")
    .description("revoke an API key: it stops working at once")
    .addOption(teamOption())
    .requiredOption("--id <id>", "the key's id (see keys list)")
    .action((options: { team: string; id: string }) =>
      run(async () => {
        const [{ findTeam }, { revokeApiKey }] = await Promise.all([import("@/lib/accounts/teams"), import("@/lib/auth/api-keys")]);
        const owner = await findTeam(options.team);
        await revokeApiKey(owner.id, options.id);
        createOutput(false).result(`Revoked API key ${options.id}`, {});
        return ok;
      }),
    );
  return keys;
}
