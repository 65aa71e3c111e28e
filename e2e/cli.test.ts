// The `taskdeck` CLI as a real child process: remote commands against the running server with API
// keys, admin commands against its database. Exit codes are the contract scripts rely on.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { exitCodes } from "@/cli/exit-codes";
import { demo } from "@/prisma/seed";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";
import { baseUrl } from "./helpers";
import { createBrokenProject, createFinishedRun, createKey, createProject, demoTeam, prisma, waitUntilFinished } from "./fixtures";

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let key: string;
let readOnlyKey: string;

beforeAll(async () => {
  const team = await demoTeam();
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
  key = (await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: admin.id })).key;
  readOnlyKey = (await createKey(team.id, ["jobs:read"])).key;
});
afterAll(() => prisma.$disconnect());

function start(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, ["scripts/taskdeck.mjs", ...args], {
    env: { ...process.env, TASKDECK_URL: baseUrl(), TASKDECK_API_KEY: key, DATABASE_URL: inject("databaseUrl"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result: Result = { code: null, stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (result.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (result.stderr += chunk.toString()));
  const done = new Promise<Result>((resolve) => child.on("close", (code) => resolve({ ...result, code })));
  return { child, done };
}

const taskdeck = (args: string[], env?: Record<string, string | undefined>) => start(args, env).done;

describe("taskdeck jobs", () => {
  it("lists job types, as text and as JSON", async () => {
    const text = await taskdeck(["jobs", "types", "--project", demo.project.slug]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/revenuecat_sync\s+RevenueCat Sync\s+independent\s+Manual: runs when triggered\s+pageSize/);
    const json = await taskdeck(["jobs", "types", "--project", demo.project.slug, "--json"]);
    expect(JSON.parse(json.stdout).jobTypes[0]).toMatchObject({ type: "revenuecat_sync", paramsSchema: { properties: { pageSize: { type: "integer" } } } });
  });

  it("shows a project's own interval as the type's schedule, as the dashboard does", async () => {
    const project = await createProject((await demoTeam()).id, "interval");
    await prisma.projectSchedule.create({ data: { projectId: project.id, type: "pull_changes", intervalMinutes: 5 } });
    const text = await taskdeck(["jobs", "types", "--project", project.slug]);
    expect(text.stdout).toMatch(/pull_changes\s+Pull Changes\s+lane\s+Every 5 minutes \(UTC\)/);
    const json = await taskdeck(["jobs", "types", "--project", project.slug, "--json"]);
    const types = JSON.parse(json.stdout).jobTypes as Array<{ type: string; schedule: string | null }>;
    expect(types.find((type) => type.type === "pull_changes")?.schedule).toBe("*/5 * * * *");
    expect(types.find((type) => type.type === "push_review")?.schedule).toBeNull();
  });

  it("triggers with --wait: plain progress lines off a terminal, exit 0 when the run completes", async () => {
    const result = await taskdeck(["jobs", "trigger", "revenuecat_sync", "--project", demo.project.slug, "--param", "pageSize=25", "--wait"]);
    expect(result.stderr).toMatch(/^Triggered run [0-9a-f-]{36} \(revenuecat_sync\); waiting for it to end…$/m);
    const progressLines = result.stderr.split("\n").filter((line) => /^\d\d:\d\d:\d\d running \d+\/240 \(\d+%\) Synced \d+ users, \d+ skipped$/.test(line));
    expect(progressLines.length).toBeGreaterThanOrEqual(2);
    expect(result.stderr).toMatch(/^\d\d:\d\d:\d\d completed 240\/240 \(100%\) Synced 212 users, 28 skipped$/m);
    expect(result.stdout).toMatch(/status\s+completed/);
    expect(result.code).toBe(exitCodes.ok);
    const runId = /Run ([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: runId } })).params).toEqual({ pageSize: 25 });
  });

  it("prints one JSON document with --json --wait", async () => {
    const result = await taskdeck(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug, "--wait", "--json"]);
    expect(result.code).toBe(0);
    const { run } = JSON.parse(result.stdout) as { run: { status: string; progress: { percent: number }; trigger: { label: string } } };
    expect(run).toMatchObject({ status: "completed", progress: { percent: 100 } });
    expect(run.trigger.label).toBe('API key "e2e jobs:read+jobs:write"');
  });

  it("answers a duplicate trigger with exit 8 and the existing run's id, and cancels with --wait", async () => {
    const first = await taskdeck(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug, "--param", "pageSize=1", "--json"]);
    const runId = (JSON.parse(first.stdout) as { run: { id: string } }).run.id;
    const duplicate = await taskdeck(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug]);
    expect(duplicate.code).toBe(exitCodes.conflict);
    expect(duplicate.stderr).toContain("A revenuecat_sync run is already pending or running");
    expect(duplicate.stderr).toContain(`Existing run: ${runId}`);
    const cancel = await taskdeck(["jobs", "cancel", runId, "--wait"]);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toMatch(/status\s+cancelled/);
  });

  it("exits 2 when the run it waits for is cancelled, and 3 when --timeout passes first", async () => {
    const waiting = start(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug, "--param", "pageSize=1", "--wait"]);
    const runId = await new Promise<string>((resolve) =>
      createInterface({ input: waiting.child.stderr }).on("line", (line) => {
        const id = /^Triggered run ([0-9a-f-]{36})/.exec(line)?.[1];
        if (id) resolve(id);
      }),
    );
    const timedOut = await taskdeck(["jobs", "show", runId, "--wait", "--timeout", "0.5"]);
    expect(timedOut.code).toBe(exitCodes.waitTimedOut);
    expect(timedOut.stderr).toContain("stopped waiting (the run goes on)");
    expect((await taskdeck(["jobs", "cancel", runId])).code).toBe(0);
    const result = await waiting.done;
    expect(result.code).toBe(exitCodes.runCancelled);
    expect(result.stdout).toMatch(/status\s+cancelled/);
  });

  it("exits 1 when the run fails, showing its error, and retries it", async () => {
    const broken = await createBrokenProject((await demoTeam()).id);
    const failed = await taskdeck(["jobs", "trigger", "revenuecat_sync", "-p", broken.slug, "--wait"]);
    expect(failed.code).toBe(exitCodes.runFailed);
    expect(failed.stdout).toMatch(/error\s+RevenueCat 401 authentication_error: Invalid API key/);
    const failedId = /Run ([0-9a-f-]{36})/.exec(failed.stdout)![1]!;
    const retry = await taskdeck(["jobs", "retry", failedId, "--json"]);
    expect(retry.code).toBe(0);
    const { run } = JSON.parse(retry.stdout) as { run: { id: string; retryOfId: string } };
    expect(run.retryOfId).toBe(failedId);
    await waitUntilFinished(run.id);
  });

  it("lists and shows runs", async () => {
    const list = await taskdeck(["jobs", "runs", "-p", demo.project.slug, "--status", "completed", "--limit", "2", "--json"]);
    const { runs } = JSON.parse(list.stdout) as { runs: Array<{ id: string; status: string }> };
    expect(runs).toHaveLength(2);
    expect(runs.every((run) => run.status === "completed")).toBe(true);
    const show = await taskdeck(["jobs", "show", runs[0]!.id]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`Run ${runs[0]!.id}`);
  });

  it("gives each kind of failure a clear message and its own exit code", async () => {
    const run = (args: string[], env?: Record<string, string | undefined>) => taskdeck(args, env);
    const types = ["jobs", "types", "-p", demo.project.slug];

    const badKey = await run(types, { TASKDECK_API_KEY: "tdk_not-a-real-key" });
    expect([badKey.code, badKey.stderr]).toEqual([exitCodes.unauthorized, expect.stringContaining("The API key is not valid, or it was revoked")]);
    const noKey = await run(types, { TASKDECK_API_KEY: "" });
    expect([noKey.code, noKey.stderr]).toEqual([exitCodes.unauthorized, expect.stringContaining("Set TASKDECK_API_KEY")]);
    const readOnly = await run(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug], { TASKDECK_API_KEY: readOnlyKey });
    expect([readOnly.code, readOnly.stderr]).toEqual([exitCodes.forbidden, expect.stringContaining("lacks the jobs:write permission")]);
    const unknown = await run(["jobs", "types", "-p", "no-such-project"]);
    expect([unknown.code, unknown.stderr]).toEqual([exitCodes.notFound, expect.stringContaining("Project not found")]);
    const offline = await run(types, { TASKDECK_URL: "http://127.0.0.1:9" });
    expect([offline.code, offline.stderr]).toEqual([exitCodes.unreachable, expect.stringContaining("Cannot reach Taskdeck at http://127.0.0.1:9")]);
    const badParams = await run(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug, "--param", "pageSize=500"]);
    expect([badParams.code, badParams.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("params.pageSize: Page size must be at most 100")]);
    const badPair = await run(["jobs", "trigger", "revenuecat_sync", "-p", demo.project.slug, "--param", "oops"]);
    expect([badPair.code, badPair.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("--param expects key=value")]);
    const usage = await run(["jobs", "trigger", "revenuecat_sync"]);
    expect([usage.code, usage.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("required option '-p, --project <project>' not specified")]);

    const { key: limited } = await createKey((await demoTeam()).id, ["jobs:read"], { rateLimitPerMinute: 1 });
    expect((await run(types, { TASKDECK_API_KEY: limited })).code).toBe(0);
    const throttled = await run(types, { TASKDECK_API_KEY: limited });
    expect([throttled.code, throttled.stderr]).toEqual([exitCodes.rateLimited, expect.stringMatching(/Rate limit of 1 requests per minute exceeded[\s\S]*Retry after \d+ seconds/)]);
  });
});

describe("taskdeck admin", () => {
  it("creates a user, a team, a membership, a project and a key that then works remotely", async () => {
    const suffix = Date.now().toString(36);
    const email = `owner-${suffix}@cli.test`;
    expect((await taskdeck(["admin", "users", "create", "--email", email, "--password", "long-enough-password", "--name", "CLI Owner"])).code).toBe(0);
    expect((await taskdeck(["admin", "teams", "create", "--name", `CLI Team ${suffix}`])).stdout).toContain(`(cli-team-${suffix})`);
    const member = await taskdeck(["admin", "members", "add", "--team", `cli-team-${suffix}`, "--email", email, "--role", "owner"]);
    expect(member.stdout.trim()).toBe(`Added ${email} to cli-team-${suffix} as owner`);
    const project = await taskdeck(["admin", "projects", "create", "--team", `cli-team-${suffix}`, "--name", "CLI App", "--slug", `cli-app-${suffix}`, "--json"]);
    expect(JSON.parse(project.stdout).project.slug).toBe(`cli-app-${suffix}`);

    const created = await taskdeck(["admin", "keys", "create", "--team", `cli-team-${suffix}`, "--name", "deploys", "--permissions", "jobs:read", "--created-by", email]);
    expect(created.code).toBe(0);
    const newKey = created.stdout.trim();
    expect(newKey).toMatch(/^tdk_[A-Za-z0-9_-]{40}$/);
    expect(created.stderr).toContain("it is not shown again");
    const stored = await prisma.apiKey.findFirstOrThrow({ where: { name: "deploys", team: { slug: `cli-team-${suffix}` } } });
    expect(stored.hash).not.toContain(newKey.slice(4));
    expect(stored.permissions).toEqual(["jobs:read"]);

    const remote = await taskdeck(["jobs", "runs", "-p", `cli-app-${suffix}`], { TASKDECK_API_KEY: newKey });
    expect([remote.code, remote.stdout.trim()]).toEqual([0, "No runs."]);
    const listed = await taskdeck(["admin", "keys", "list", "--team", `cli-team-${suffix}`]);
    expect(listed.stdout).toContain(`${stored.prefix}…`);
    expect(listed.stdout).not.toContain(newKey);
    expect((await taskdeck(["admin", "keys", "revoke", "--team", `cli-team-${suffix}`, "--id", stored.id])).code).toBe(0);
    expect((await taskdeck(["jobs", "runs", "-p", `cli-app-${suffix}`], { TASKDECK_API_KEY: newKey })).code).toBe(exitCodes.unauthorized);
  });

  it("refuses bad input with exit 4 and duplicates with exit 8, writing nothing", async () => {
    const users = await prisma.user.count();
    const badEmail = await taskdeck(["admin", "users", "create", "--email", "not-an-email", "--password", "long-enough-password"]);
    expect([badEmail.code, badEmail.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("email: email must be an email address")]);
    const shortPassword = await taskdeck(["admin", "users", "create", "--email", "short@cli.test", "--password", "short"]);
    expect([shortPassword.code, shortPassword.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("password must be at least 8 characters")]);
    const duplicate = await taskdeck(["admin", "users", "create", "--email", demo.admin.email, "--password", "long-enough-password"]);
    expect([duplicate.code, duplicate.stderr]).toEqual([exitCodes.conflict, expect.stringContaining("already exists")]);
    const badRole = await taskdeck(["admin", "members", "add", "--team", demo.team.slug, "--email", demo.member.email, "--role", "root"]);
    expect(badRole.code).toBe(exitCodes.badInput);
    const badPermissions = await taskdeck(["admin", "keys", "create", "--team", demo.team.slug, "--name", "x", "--permissions", "jobs:everything"]);
    expect([badPermissions.code, badPermissions.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("each permission must be one of jobs:read, jobs:write")]);
    const emptyName = await taskdeck(["admin", "keys", "create", "--team", demo.team.slug, "--name", " "]);
    expect([emptyName.code, emptyName.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("name: name is required")]);
    const hugeLimit = await taskdeck(["admin", "keys", "create", "--team", demo.team.slug, "--name", "x", "--rate-limit", "200000"]);
    expect([hugeLimit.code, hugeLimit.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("rateLimitPerMinute must be at most 100000")]);
    const noTeam = await taskdeck(["admin", "projects", "create", "--team", "no-such-team", "--name", "X"]);
    expect([noTeam.code, noTeam.stderr]).toEqual([exitCodes.notFound, expect.stringContaining('No team "no-such-team"')]);
    expect(await prisma.user.count()).toBe(users);
  });

  it("connects a project to RevenueCat and App Store Connect from key files, queueing Pull All", async () => {
    const project = await createProject((await demoTeam()).id, "connected");
    const dir = mkdtempSync(path.join(tmpdir(), "taskdeck-keys-"));
    const file = (name: string, content: string) => {
      writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const rc = await taskdeck(["admin", "projects", "connect-revenuecat", "--project", project.slug, "--revenuecat-project", demoRevenueCatProject.projectId, "--api-key-file", file("rc.key", `${demoRevenueCatProject.apiKey}\n`)]);
    expect([rc.code, rc.stdout.trim()]).toEqual([0, `Connected ${project.slug} to RevenueCat (…${demoRevenueCatProject.apiKey.slice(-4)})`]);
    expect((await taskdeck(["jobs", "trigger", "revenuecat_sync", "-p", project.slug, "--wait"])).code).toBe(0);

    const connect = (keyFile: string) =>
      taskdeck(["admin", "projects", "connect-app-store", "--project", project.slug, "--issuer-id", demoAppStoreProject.issuerId, "--key-id", demoAppStoreProject.keyId, "--private-key-file", keyFile, "--app-id", demoAppStoreProject.appId, "--json"]);
    const bad = await connect(file("bad.p8", "not a key"));
    expect([bad.code, bad.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("privateKey must be a PEM private key")]);
    const missing = await connect(path.join(dir, "nowhere.p8"));
    expect([missing.code, missing.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("Cannot read --private-key-file")]);
    expect(await prisma.integration.count({ where: { projectId: project.id, kind: "app_store_connect" } })).toBe(0);

    const connected = await connect(file("AuthKey.p8", demoAppStoreProject.privateKeyPem));
    expect(connected.code).toBe(0);
    expect(connected.stdout).not.toContain("PRIVATE KEY");
    const { pullAllRunId } = JSON.parse(connected.stdout) as { pullAllRunId: string };
    const pulled = await waitUntilFinished(pullAllRunId, 60_000);
    expect([pulled.type, pulled.status]).toEqual(["pull_all", "completed"]);
    expect(await prisma.appStoreReview.count({ where: { projectId: project.id } })).toBeGreaterThan(0);
  });

  it("shows any run to the server owner with its stack", async () => {
    const broken = await createBrokenProject((await demoTeam()).id);
    const failed = await createFinishedRun(broken.id, "revenuecat_sync", "failed");
    await prisma.jobRun.update({ where: { id: failed.id }, data: { errorStack: "Error: boom\n    at sync (worker/handlers/revenuecat-sync.ts:1:1)" } });
    const show = await taskdeck(["admin", "runs", "show", failed.id]);
    expect([show.code, show.stdout]).toEqual([0, expect.stringContaining("at sync (worker/handlers/revenuecat-sync.ts:1:1)")]);
    // The API and the dashboard never carry it.
    const viaApi = await taskdeck(["jobs", "show", failed.id, "--json"]);
    expect(viaApi.stdout).not.toContain("worker/handlers");
    expect((await taskdeck(["admin", "runs", "show", "not-a-run"])).code).toBe(exitCodes.notFound);
  });

  it("shows system jobs with schedules, triggers one with --wait and lists its runs", async () => {
    const list = await taskdeck(["admin", "system-jobs", "list"]);
    expect(list.stdout).toMatch(/job_runs_cleanup\s+At 03:15 \(UTC\)\s+\d{4}-\d\d-\d\dT03:15:00\.000Z/);
    const triggered = await taskdeck(["admin", "system-jobs", "trigger", "job_runs_cleanup", "--wait"]);
    expect(triggered.code).toBe(0);
    expect(triggered.stdout).toMatch(/type\s+job_runs_cleanup[\s\S]*status\s+completed[\s\S]*trigger\s+Admin CLI/);
    const runs = await taskdeck(["admin", "system-jobs", "runs", "--type", "job_runs_cleanup", "--json"]);
    expect((JSON.parse(runs.stdout) as { runs: Array<{ status: string }> }).runs[0]?.status).toBe("completed");
    const projectType = await taskdeck(["admin", "system-jobs", "trigger", "revenuecat_sync"]);
    expect([projectType.code, projectType.stderr]).toEqual([exitCodes.badInput, expect.stringContaining('"revenuecat_sync" is not a system job type')]);
    const failed = await createFinishedRun(null, "job_runs_cleanup", "failed");
    await prisma.jobRun.update({ where: { id: failed.id }, data: { errorStack: "Error: disk full\n    at cleanup (worker/handlers/job-runs-cleanup.ts:12:3)" } });
    const show = await taskdeck(["admin", "system-jobs", "show", failed.id]);
    expect(show.stdout).toContain("at cleanup (worker/handlers/job-runs-cleanup.ts:12:3)");
  });
});
