// GET/PUT /api/v1/projects/:projectId/schedules over real HTTP with API keys (issue 16, parity):
// permissions, another team's project, bad bodies writing nothing, and an interval that reads the
// same through …/schedules and …/job-types. Each test has a project of its own, so no interval it
// sets reaches another file's runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiSchedule } from "@/lib/jobs/project-schedules";
import { baseUrl } from "./helpers";
import { createKey, createProject, createTeamWithProject, demoTeam, prisma } from "./fixtures";

let writeKey: string;
let readOnlyKey: string;

beforeAll(async () => {
  const team = await demoTeam();
  writeKey = (await createKey(team.id, ["jobs:read", "jobs:write"])).key;
  readOnlyKey = (await createKey(team.id, ["jobs:read"])).key;
});
afterAll(() => prisma.$disconnect());

interface Body {
  schedules: ApiSchedule[];
  schedule: ApiSchedule;
  jobTypes: Array<{ type: string; schedule: string | null }>;
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

async function api(path: string, key: string, options: { method?: string; body?: string } = {}) {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method: options.method ?? "GET",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: options.body,
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const put = (projectSlug: string, body: unknown, key = writeKey) => api(`/projects/${projectSlug}/schedules`, key, { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body) });
const pullChanges = (schedules: ApiSchedule[]) => schedules.find((schedule) => schedule.type === "pull_changes");

// What a PUT writes: the project's interval row and its pg-boss schedule.
async function written(projectId: string) {
  const rows = await prisma.projectSchedule.count({ where: { projectId } });
  const [{ count }] = await prisma.$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM pgboss.schedule WHERE key = ${`pull_changes/${projectId}`}`;
  return { rows, bossSchedules: count };
}

describe("GET /api/v1/projects/:projectId/schedules", () => {
  it("lists one schedule per project job type for a jobs:read key, with the cron job-types reports", async () => {
    const project = await createProject((await demoTeam()).id, "schedules-get");
    const { status, body } = await api(`/projects/${project.slug}/schedules`, readOnlyKey);
    expect(status).toBe(200);
    const jobTypes = (await api(`/projects/${project.id}/job-types`, readOnlyKey)).body.jobTypes;
    expect(body.schedules.map((schedule) => [schedule.type, schedule.cron])).toEqual(jobTypes.map((jobType) => [jobType.type, jobType.schedule]));
    expect(pullChanges(body.schedules)).toEqual({ type: "pull_changes", label: "Pull Changes", cron: null, intervalMinutes: null, configurable: true, intervals: [5, 15, 30] });
    expect(body.schedules.find((schedule) => schedule.type === "revenuecat_sync")).toMatchObject({ configurable: false, intervals: [] });
  });

  it("answers 404 for another team's project, by slug and by id", async () => {
    const { project } = await createTeamWithProject("schedules-other");
    for (const reference of [project.slug, project.id]) {
      expect((await api(`/projects/${reference}/schedules`, writeKey)).status).toBe(404);
      expect((await put(reference, { type: "pull_changes", intervalMinutes: 5 })).status).toBe(404);
    }
    expect(await written(project.id)).toEqual({ rows: 0, bossSchedules: 0 });
  });
});

describe("PUT /api/v1/projects/:projectId/schedules", () => {
  it("sets 5 minutes, read back the same through …/schedules and …/job-types, and off (null) clears it", async () => {
    const project = await createProject((await demoTeam()).id, "schedules-put");
    const set = await put(project.slug, { type: "pull_changes", intervalMinutes: 5 });
    expect(set.status).toBe(200);
    expect(set.body.schedule).toEqual({ type: "pull_changes", label: "Pull Changes", cron: "*/5 * * * *", intervalMinutes: 5, configurable: true, intervals: [5, 15, 30] });
    expect(pullChanges((await api(`/projects/${project.slug}/schedules`, readOnlyKey)).body.schedules)).toEqual(set.body.schedule);
    expect((await api(`/projects/${project.slug}/job-types`, readOnlyKey)).body.jobTypes.find((jobType) => jobType.type === "pull_changes")?.schedule).toBe("*/5 * * * *");
    expect(await written(project.id)).toEqual({ rows: 1, bossSchedules: 1 });

    const off = await put(project.id, { type: "pull_changes", intervalMinutes: null });
    expect(off.status).toBe(200);
    expect(off.body.schedule).toMatchObject({ cron: null, intervalMinutes: null });
    expect(pullChanges((await api(`/projects/${project.slug}/schedules`, readOnlyKey)).body.schedules)).toMatchObject({ cron: null, intervalMinutes: null });
    expect((await api(`/projects/${project.slug}/job-types`, readOnlyKey)).body.jobTypes.find((jobType) => jobType.type === "pull_changes")?.schedule).toBeNull();
    expect(await written(project.id)).toEqual({ rows: 0, bossSchedules: 0 });
  });

  it("answers 403 to a jobs:read key, writing nothing", async () => {
    const project = await createProject((await demoTeam()).id, "schedules-readonly");
    const { status, body } = await put(project.slug, { type: "pull_changes", intervalMinutes: 15 }, readOnlyKey);
    expect(status).toBe(403);
    expect(body.error.code).toBe("forbidden");
    expect(await written(project.id)).toEqual({ rows: 0, bossSchedules: 0 });
  });

  it("answers 400 to bad bodies and types that take no interval, naming the field, writing nothing", async () => {
    const project = await createProject((await demoTeam()).id, "schedules-bad");
    const cases: Array<[body: unknown, path: string | null, message: RegExp]> = [
      [{ type: "pull_changes", intervalMinutes: 7 }, "intervalMinutes", /5, 15, 30 or null/],
      [{ type: "pull_changes", intervalMinutes: "5" }, "intervalMinutes", /5, 15, 30 or null/],
      [{ type: "pull_changes" }, "intervalMinutes", /5, 15, 30 or null/],
      [{ intervalMinutes: 5 }, "type", /type is required/],
      [{ type: "pull_changes", intervalMinutes: 5, every: 5 }, null, /invalid/i],
      ["{not json", null, /not valid JSON/],
      [{ type: "revenuecat_sync", intervalMinutes: 5 }, "type", /revenuecat_sync cannot be scheduled per project/],
      [{ type: "db_pruning", intervalMinutes: 5 }, "type", /db_pruning is not a job type of this project/],
      [{ type: "no_such_type", intervalMinutes: 5 }, "type", /Unknown job type "no_such_type"/],
    ];
    for (const [body, path, message] of cases) {
      const answer = await put(project.slug, body);
      const label = JSON.stringify(body);
      expect(answer.status, label).toBe(400);
      expect(answer.body.error.code, label).toBe("bad_request");
      if (path) expect(answer.body.error.issues?.map((issue) => issue.path), label).toContain(path);
      expect([answer.body.error.message, ...(answer.body.error.issues ?? []).map((issue) => issue.message)].join("\n"), label).toMatch(message);
    }
    expect(await written(project.id)).toEqual({ rows: 0, bossSchedules: 0 });
  });
});
