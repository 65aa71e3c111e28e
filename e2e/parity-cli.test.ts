// The CLI's share of issue 16's parity, as a real child process against the running stack:
// `taskdeck schedules list|set`, `taskdeck lane show|retry|skip` on a lane that really paused
// (App Store Connect refuses the key), and `jobs runs --cursor` / `--all` past 100 runs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodes } from "@/cli/exit-codes";
import type { ApiSchedule } from "@/lib/jobs/project-schedules";
import type { LaneState } from "@/lib/jobs/lanes";
import type { ApiRun } from "@/lib/jobs/schemas";
import { baseUrl, runTaskdeck } from "./helpers";
import { createBrokenAppStoreProject, createKey, createProject, demoTeam, fixAppStoreKey, prisma, waitUntilFinished } from "./fixtures";

let key: string;
let readOnlyKey: string;

beforeAll(async () => {
  const team = await demoTeam();
  key = (await createKey(team.id, ["jobs:read", "jobs:write"])).key;
  readOnlyKey = (await createKey(team.id, ["jobs:read"])).key;
});
afterAll(() => prisma.$disconnect());

const taskdeck = (args: string[], apiKey = key) => runTaskdeck(args, apiKey);

async function trigger(projectSlug: string, type: string, params: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/v1/projects/${projectSlug}/jobs`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ type, params }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

// A broken project's Pull Changes fails and its lane pauses; the failed run's id. The run ends
// failed a moment before pg-boss fails its job, so the lane is read until it says paused.
async function pausedLane(teamId: string) {
  const project = await createBrokenAppStoreProject(teamId);
  const failedId = await trigger(project.slug, "pull_changes");
  expect((await waitUntilFinished(failedId)).status).toBe("failed");
  const deadline = Date.now() + 15_000;
  for (;;) {
    const shown = await taskdeck(["lane", "show", "-p", project.slug, "--json"]);
    if ((JSON.parse(shown.stdout) as { lane: LaneState }).lane.paused) break;
    if (Date.now() > deadline) throw new Error(`lane of ${project.slug} did not pause`);
  }
  return { project, failedId };
}

describe("taskdeck schedules", () => {
  it("lists each type's schedule in words, sets pull_changes every 15 minutes and turns it off", async () => {
    const project = await createProject((await demoTeam()).id, "cli-schedules");
    const before = await taskdeck(["schedules", "list", "-p", project.slug]);
    expect(before.code).toBe(exitCodes.ok);
    expect(before.stdout).toMatch(/^TYPE\s+LABEL\s+SCHEDULE\s+INTERVAL$/m);
    expect(before.stdout).toMatch(/^pull_changes\s+Pull Changes\s+Manual: runs when triggered\s+off$/m);
    expect(before.stdout).toMatch(/^revenuecat_sync\s+RevenueCat Sync\s+Manual: runs when triggered\s+-$/m);

    const set = await taskdeck(["schedules", "set", "pull_changes", "--every", "15", "-p", project.slug]);
    expect([set.code, set.stdout.trim()]).toEqual([exitCodes.ok, "pull_changes (Pull Changes): Every 15 minutes (UTC)"]);
    expect(await prisma.projectSchedule.findMany({ where: { projectId: project.id }, select: { type: true, intervalMinutes: true } })).toEqual([{ type: "pull_changes", intervalMinutes: 15 }]);
    expect((await taskdeck(["schedules", "list", "-p", project.slug])).stdout).toMatch(/^pull_changes\s+Pull Changes\s+Every 15 minutes \(UTC\)\s+15 min$/m);
    // The same schedule through jobs types, as the issue asks: one answer on every surface.
    expect((await taskdeck(["jobs", "types", "-p", project.slug])).stdout).toMatch(/pull_changes\s+Pull Changes\s+lane\s+Every 15 minutes \(UTC\)/);

    const listed = JSON.parse((await taskdeck(["schedules", "list", "-p", project.slug, "--json"])).stdout) as { schedules: ApiSchedule[] };
    expect(listed.schedules.find((schedule) => schedule.type === "pull_changes")).toEqual({ type: "pull_changes", label: "Pull Changes", cron: "*/15 * * * *", intervalMinutes: 15, configurable: true, intervals: [5, 15, 30] });

    const off = await taskdeck(["schedules", "set", "pull_changes", "--every", "off", "-p", project.slug, "--json"]);
    expect(off.code).toBe(exitCodes.ok);
    expect((JSON.parse(off.stdout) as { schedule: ApiSchedule }).schedule).toMatchObject({ cron: null, intervalMinutes: null });
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses what the API refuses, with its exit codes, writing nothing", async () => {
    const project = await createProject((await demoTeam()).id, "cli-schedules-refused");
    const notConfigurable = await taskdeck(["schedules", "set", "revenuecat_sync", "--every", "5", "-p", project.slug]);
    expect([notConfigurable.code, notConfigurable.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("revenuecat_sync cannot be scheduled per project")]);
    const badInterval = await taskdeck(["schedules", "set", "pull_changes", "--every", "7", "-p", project.slug]);
    expect([badInterval.code, badInterval.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("Allowed choices are 5, 15, 30, off")]);
    const readOnly = await taskdeck(["schedules", "set", "pull_changes", "--every", "5", "-p", project.slug], readOnlyKey);
    expect(readOnly.code).toBe(exitCodes.forbidden);
    const unknown = await taskdeck(["schedules", "list", "-p", `no-such-project-${randomUUID().slice(0, 8)}`]);
    expect(unknown.code).toBe(exitCodes.notFound);
    expect(await prisma.projectSchedule.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("taskdeck lane", () => {
  it("shows a paused lane with its failed run, error and queue, and retry --wait resumes it in order", async () => {
    const team = await demoTeam();
    const { project, failedId } = await pausedLane(team.id);
    const pushId = await trigger(project.slug, "push_metadata", { locale: "en-US", whatsNew: "Widgets and a faster sync." });

    const shown = await taskdeck(["lane", "show", "-p", project.slug]);
    expect(shown.code).toBe(exitCodes.ok);
    expect(shown.stdout).toContain(`Lane paused by run ${failedId}`);
    expect(shown.stdout).toMatch(/error\s+.*App Store Connect 401 NOT_AUTHORIZED/);
    expect(shown.stdout).toMatch(new RegExp(`^1\\s+${pushId}\\s+push_metadata$`, "m"));
    const json = JSON.parse((await taskdeck(["lane", "show", "-p", project.slug, "--json"])).stdout) as { lane: LaneState };
    expect(json.lane).toMatchObject({ paused: true, pausedByRunId: failedId, queued: [{ id: pushId, type: "push_metadata", position: 1 }] });

    // A read-only key may look but not resume.
    expect((await taskdeck(["lane", "retry", "-p", project.slug], readOnlyKey)).code).toBe(exitCodes.forbidden);
    expect((await taskdeck(["lane", "show", "-p", project.slug], readOnlyKey)).code).toBe(exitCodes.ok);

    await fixAppStoreKey(project.id);
    const retried = await taskdeck(["lane", "retry", "-p", project.slug, "--wait", "--timeout", "60", "--json"]);
    expect(retried.code).toBe(exitCodes.ok);
    const { run } = JSON.parse(retried.stdout) as { run: ApiRun };
    expect(run).toMatchObject({ type: "pull_changes", status: "completed", retryOfId: failedId });
    expect(retried.stderr).toContain(`Retrying ${failedId} as run ${run.id}`);
    const pushed = await waitUntilFinished(pushId, 60_000);
    expect(pushed.status).toBe("completed");
    expect(new Date(run.finishedAt!).getTime()).toBeLessThanOrEqual(pushed.startedAt!.getTime());
    expect((JSON.parse((await taskdeck(["lane", "show", "-p", project.slug, "--json"])).stdout) as { lane: LaneState }).lane).toEqual({ paused: false, pausedByRunId: null, error: null, queued: [] });
    // Nothing is paused any more: retrying again is a conflict.
    expect((await taskdeck(["lane", "retry", "-p", project.slug])).code).toBe(exitCodes.conflict);
  });

  it("skip drops the failed run and resumes the lane; skipping again is a conflict", async () => {
    const { project, failedId } = await pausedLane((await demoTeam()).id);
    expect((await taskdeck(["lane", "skip", "-p", project.slug], readOnlyKey)).code).toBe(exitCodes.forbidden);
    const skipped = await taskdeck(["lane", "skip", "-p", project.slug, "--json"]);
    expect(skipped.code).toBe(exitCodes.ok);
    expect((JSON.parse(skipped.stdout) as { lane: LaneState }).lane).toMatchObject({ paused: false, pausedByRunId: null });
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: failedId } })).status).toBe("failed");
    const text = await taskdeck(["lane", "show", "-p", project.slug]);
    expect(text.stdout).toMatch(/^Lane running$/m);
    const again = await taskdeck(["lane", "skip", "-p", project.slug]);
    expect([again.code, again.stderr]).toEqual([exitCodes.conflict, expect.stringContaining("The lane is not paused")]);
  });
});

describe("taskdeck jobs runs", () => {
  const RUNS = 237;
  let project: { id: string; slug: string };
  let newestFirst: string[];

  // Finished runs written straight to the database, each a millisecond older than the last, so
  // the API's newest-first order is known.
  beforeAll(async () => {
    project = await createProject((await demoTeam()).id, "cli-runs");
    const now = Date.now();
    const runs = Array.from({ length: RUNS }, (_, index) => ({
      id: randomUUID(),
      type: "revenuecat_sync",
      projectId: project.id,
      status: "completed" as const,
      triggerKind: "admin_cli" as const,
      createdAt: new Date(now - index * 1000),
      startedAt: new Date(now - index * 1000),
      finishedAt: new Date(now - index * 1000 + 10),
    }));
    await prisma.jobRun.createMany({ data: runs });
    newestFirst = runs.map((run) => run.id);
  });

  it("--all follows every page: each run exactly once, newest first, with no next cursor", async () => {
    const json = await taskdeck(["jobs", "runs", "-p", project.slug, "--all", "--json"]);
    expect(json.code).toBe(exitCodes.ok);
    const page = JSON.parse(json.stdout) as { runs: ApiRun[]; nextCursor: string | null };
    expect(page.nextCursor).toBeNull();
    expect(page.runs.map((run) => run.id)).toEqual(newestFirst);

    const text = await taskdeck(["jobs", "runs", "-p", project.slug, "--all"]);
    expect(text.code).toBe(exitCodes.ok);
    const rows = text.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^ID\s+TYPE\s+STATUS/);
    expect(rows.slice(1).map((row) => row.split(/\s+/)[0])).toEqual(newestFirst);
  });

  it("--cursor passes nextCursor through to the next page, and hints at it in text", async () => {
    const first = JSON.parse((await taskdeck(["jobs", "runs", "-p", project.slug, "--limit", "100", "--json"])).stdout) as { runs: ApiRun[]; nextCursor: string | null };
    expect(first.runs.map((run) => run.id)).toEqual(newestFirst.slice(0, 100));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await taskdeck(["jobs", "runs", "-p", project.slug, "--limit", "100", "--cursor", first.nextCursor!, "--json"]);
    expect(second.code).toBe(exitCodes.ok);
    const secondPage = JSON.parse(second.stdout) as { runs: ApiRun[]; nextCursor: string | null };
    expect(secondPage.runs.map((run) => run.id)).toEqual(newestFirst.slice(100, 200));

    const last = await taskdeck(["jobs", "runs", "-p", project.slug, "--limit", "100", "--cursor", secondPage.nextCursor!]);
    expect(last.stdout.trim().split("\n").slice(1).map((row) => row.split(/\s+/)[0])).toEqual(newestFirst.slice(200));
    expect(last.stderr).not.toContain("--cursor");
    const text = await taskdeck(["jobs", "runs", "-p", project.slug, "--limit", "10"]);
    expect(text.stderr).toMatch(/More runs: add --cursor \S+, or use --all/);
  });

  it("refuses --all with --cursor, and a cursor that is not one, as bad input", async () => {
    const both = await taskdeck(["jobs", "runs", "-p", project.slug, "--all", "--cursor", "abc"]);
    expect([both.code, both.stderr]).toEqual([exitCodes.badInput, expect.stringContaining("cannot be used with option '-c, --cursor <cursor>'")]);
    expect(both.stdout).toBe("");
    const bogus = await taskdeck(["jobs", "runs", "-p", project.slug, "--cursor", "not-a-cursor"]);
    expect(bogus.code).toBe(exitCodes.badInput);
  });
});
