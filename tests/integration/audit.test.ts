// The audit trail (issue 19, item 5): who triggered, cancelled, retried or changed a schedule, when
// and from which surface, on the run (its activity) and in the team's audit log, through the same
// abilities the REST API, the CLI, MCP and the dashboard call. No worker runs here: runs stay
// pending, which is all these actions need.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelPending, cancelRun, retryRun, setSchedule, triggerJob } from "@/lib/api/abilities";
import type { Actor } from "@/lib/auth/access";
import { createApiKey } from "@/lib/auth/api-keys";
import { prisma } from "@/lib/db/prisma";
import { recordAudit, runActivity, teamAuditLog } from "@/lib/jobs/audit";
import { createProject, createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";

let team: { id: string };
let project: { id: string; slug: string };
let otherProject: { id: string; slug: string };
let admin: { id: string; email: string; name: string | null };
let dashboard: Actor;
let cli: Actor;
let mcp: Actor;

beforeAll(async () => {
  const created = await createProject();
  team = created.team;
  project = created.project;
  otherProject = await prisma.project.create({ data: { teamId: team.id, name: "Other", slug: `other-${project.slug}` } });
  admin = await createUser("admin", team.id);
  dashboard = { kind: "user", user: { id: admin.id, email: admin.email, name: admin.name } };
  const { record } = await createApiKey(team.id, admin.id, { name: "Deploy bot", permissions: ["jobs:read", "jobs:write"] });
  const key = { id: record.id, teamId: team.id, name: record.name, permissions: ["jobs:read", "jobs:write"] as const, createdById: admin.id, rateLimitPerMinute: null };
  cli = { kind: "api_key", key: { ...key, permissions: [...key.permissions] }, via: "cli" };
  mcp = { kind: "api_key", key: { ...key, permissions: [...key.permissions] }, via: "mcp" };
});
afterAll(() => releaseAll());

const activity = async (runId: string) => (await runActivity(runId)).map((entry) => ({ action: entry.action, surface: entry.surface, actor: entry.actor.label, details: entry.details }));

describe("a run's activity", () => {
  it("names who triggered, cancelled and retried it, and from which surface", async () => {
    const { run } = await triggerJob(cli, project.slug, { type: "pull_all" });
    await cancelRun(dashboard, run.id);
    const { run: retry } = await retryRun(mcp, run.id, {});
    expect(await activity(run.id)).toEqual([
      { action: "run.triggered", surface: "cli", actor: 'API key "Deploy bot"', details: { type: "pull_all" } },
      { action: "run.cancelled", surface: "dashboard", actor: "Test admin", details: { type: "pull_all" } },
      { action: "run.retried", surface: "mcp", actor: 'API key "Deploy bot"', details: { type: "pull_all", newRunId: retry.id, withChanges: false } },
    ]);
    // The retry's own trail points back at the run it retries.
    expect(await activity(retry.id)).toEqual([{ action: "run.triggered", surface: "mcp", actor: 'API key "Deploy bot"', details: { type: "pull_all", retryOf: run.id, withChanges: false } }]);
    await cancelRun(dashboard, retry.id);
  });

  it("says when a retry changed the params, and writes nothing for a refused action", async () => {
    const { run } = await triggerJob(dashboard, project.slug, { type: "push_review", params: { reviewId: "bogus", responseBody: "Thanks!" } });
    await cancelRun(dashboard, run.id);
    // A refused retry (bad params) changes nothing and leaves no trail.
    await expect(retryRun(dashboard, run.id, { params: { reviewId: "" } })).rejects.toMatchObject({ code: "invalid_params" });
    await expect(cancelRun(dashboard, run.id)).rejects.toMatchObject({ code: "conflict" });
    expect((await activity(run.id)).map((entry) => entry.action)).toEqual(["run.triggered", "run.cancelled"]);
    const { run: retry } = await retryRun(dashboard, run.id, { params: { reviewId: "real-review", responseBody: "Thanks!" } });
    expect((await activity(run.id)).at(-1)).toMatchObject({ action: "run.retried", details: { newRunId: retry.id, withChanges: true } });
    await cancelRun(dashboard, retry.id);
  });

  it("outlives the run, and keeps naming a person after their account is gone", async () => {
    const leaver = await createUser("admin", team.id);
    const actor: Actor = { kind: "user", user: { id: leaver.id, email: leaver.email, name: null } };
    const { run } = await triggerJob(actor, project.slug, { type: "pull_all" });
    await cancelRun(actor, run.id);
    await prisma.jobRun.delete({ where: { id: run.id } });
    await prisma.membership.deleteMany({ where: { userId: leaver.id } });
    await prisma.user.delete({ where: { id: leaver.id } });
    const entries = await runActivity(run.id);
    expect(entries.map((entry) => [entry.action, entry.actor.label, entry.actor.userId, entry.runType])).toEqual([
      ["run.triggered", "Test admin", null, null],
      ["run.cancelled", "Test admin", null, null],
    ]);
  });
});

describe("bulk actions and schedules", () => {
  it("writes one event per run a bulk cancel touches, and one for the request", async () => {
    const { run: first } = await triggerJob(dashboard, project.slug, { type: "pull_all" });
    const { run: second } = await triggerJob(dashboard, project.slug, { type: "revenuecat_sync" });
    const result = await cancelPending(cli, project.slug, {});
    expect(result).toMatchObject({ dryRun: false, cancelled: 2 });
    for (const run of [first, second]) expect((await activity(run.id)).at(-1)).toMatchObject({ action: "run.cancelled", surface: "cli", details: { bulk: true } });
    const log = await teamAuditLog(team.id, { projectIds: [project.id], action: "runs.cancelled" });
    expect(log.entries[0]).toMatchObject({ action: "runs.cancelled", surface: "cli", details: { type: null, cancelled: 2, stopping: 0 } });
  });

  it("records a schedule change from and to, and not a set to the same interval", async () => {
    await setSchedule(dashboard, project.slug, { type: "pull_changes", intervalMinutes: 15 });
    await setSchedule(cli, project.slug, { type: "pull_changes", intervalMinutes: 15 });
    await setSchedule(cli, project.slug, { type: "pull_changes", intervalMinutes: null });
    const log = await teamAuditLog(team.id, { projectIds: [project.id], action: "schedule.changed" });
    expect(log.entries.map((entry) => [entry.surface, entry.details])).toEqual([
      ["cli", { type: "pull_changes", fromMinutes: 15, toMinutes: null }],
      ["dashboard", { type: "pull_changes", fromMinutes: null, toMinutes: 15 }],
    ]);
  });
});

describe("the team's audit log", () => {
  it("pages newest first by cursor, and shows only the projects it is given", async () => {
    await recordAudit(
      Array.from({ length: 5 }, (_, index) => ({
        projectId: otherProject.id,
        action: "schedule.changed" as const,
        by: { userId: admin.id, apiKeyId: null, surface: "api" as const },
        details: { type: "pull_changes", fromMinutes: null, toMinutes: index },
      })),
    );
    const first = await teamAuditLog(team.id, { projectIds: [otherProject.id], limit: 2 });
    const second = await teamAuditLog(team.id, { projectIds: [otherProject.id], limit: 2, before: first.nextCursor });
    const third = await teamAuditLog(team.id, { projectIds: [otherProject.id], limit: 2, before: second.nextCursor });
    const minutes = (page: typeof first) => page.entries.map((entry) => entry.details?.toMinutes);
    expect([minutes(first), minutes(second), minutes(third)]).toEqual([[4, 3], [2, 1], [0]]);
    expect(third.nextCursor).toBeNull();
    // Another project of the team is not in a log limited to this one, nor is another team's.
    const mine = await teamAuditLog(team.id, { projectIds: [project.id], limit: 500 });
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((entry) => entry.project.id === project.id)).toBe(true);
    expect(await teamAuditLog(team.id, { projectIds: [] })).toEqual({ entries: [], nextCursor: null });
    const stranger = await createProject();
    expect((await teamAuditLog(stranger.team.id, { projectIds: [project.id, otherProject.id] })).entries).toEqual([]);
  });
});
