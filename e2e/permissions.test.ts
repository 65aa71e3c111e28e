// The permission matrix (issue 5): every caller × every API route, over real HTTP, through the one
// authorization module. Each authorized write really happens (202s create runs), so a cell that
// stopped checking its permission would show up as a wrong status here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "@/lib/jobs/catalog";
import { demo } from "@/prisma/seed";
import { baseUrl, sessionCookie } from "./helpers";
import { createFinishedRun, createKey, createProject, createTeamWithProject, createUser, demoTeam, prisma, waitUntilFinished } from "./fixtures";

type Caller = "owner" | "admin" | "member" | "stranger" | "readKey" | "writeKey" | "readWriteKey" | "revokedKey" | "otherTeamKey" | "anonymous";
const callers: Caller[] = ["owner", "admin", "member", "stranger", "readKey", "writeKey", "readWriteKey", "revokedKey", "otherTeamKey", "anonymous"];
const headers: Record<Caller, Record<string, string>> = {} as never;

let projectSlug: string;
let failedRunId: string;
let systemRunId: string;

beforeAll(async () => {
  const team = await demoTeam();
  // A project without a RevenueCat connection: its syncs fail at once, so each 202 ends quickly.
  projectSlug = (await createProject(team.id, "matrix")).slug;
  const owner = await createUser(team.id, "owner");
  const stranger = await createUser((await createTeamWithProject("stranger")).team.id, "owner");
  const other = await createTeamWithProject("other");
  const cookie = async (email: string) => ({ Cookie: await sessionCookie(email), Origin: baseUrl() });
  const bearer = async (...args: Parameters<typeof createKey>) => ({ Authorization: `Bearer ${(await createKey(...args)).key}` });
  Object.assign(headers, {
    owner: await cookie(owner.email),
    admin: await cookie(demo.admin.email),
    member: await cookie(demo.member.email),
    stranger: await cookie(stranger.email),
    readKey: await bearer(team.id, ["jobs:read"]),
    writeKey: await bearer(team.id, ["jobs:write"]),
    readWriteKey: await bearer(team.id, ["jobs:read", "jobs:write"]),
    revokedKey: await bearer(team.id, ["jobs:read", "jobs:write"], { revoked: true }),
    otherTeamKey: await bearer(other.team.id, ["jobs:read", "jobs:write"]),
    anonymous: {},
  });
  const project = await prisma.project.findUniqueOrThrow({ where: { slug: projectSlug } });
  failedRunId = (await createFinishedRun(project.id, "revenuecat_sync", "failed")).id;
  systemRunId = (await createFinishedRun(null, "job_runs_cleanup", "completed")).id;
});

afterAll(() => prisma.$disconnect());

async function call(caller: Caller, method: "GET" | "POST", path: string, body?: unknown) {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: { ...headers[caller], ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string }; run?: { id: string } };
  // A new run must end before the next caller triggers the same type (one active run per type).
  if (response.status === 202 && json.run) await waitUntilFinished(json.run.id);
  return { status: response.status, body: json };
}

const R = 200, A = 202, U = 401, F = 403, N = 404, C = 409;
// Expected status per route, in the order of `callers`.
const matrix: Array<[string, "GET" | "POST", () => string, number[], unknown?]> = [
  //                                                      owner admin member stranger read write rw revoked other anon
  ["list projects", "GET", () => "/projects", /*       */ [R, R, R, R, R, R, R, U, R, U]],
  ["list job types", "GET", () => `/projects/${projectSlug}/job-types`, [R, R, R, N, R, R, R, U, N, U]],
  ["trigger a job", "POST", () => `/projects/${projectSlug}/jobs`, [A, A, F, N, F, A, A, U, N, U], { type: "revenuecat_sync" }],
  ["list runs", "GET", () => `/projects/${projectSlug}/runs`, [R, R, F, N, R, F, R, U, N, U]],
  ["read a run", "GET", () => `/runs/${failedRunId}`, [R, R, F, N, R, F, R, U, N, U]],
  ["cancel a finished run", "POST", () => `/runs/${failedRunId}/cancel`, [C, C, F, N, F, C, C, U, N, U]],
  ["retry a failed run", "POST", () => `/runs/${failedRunId}/retry`, [A, A, F, N, F, A, A, U, N, U]],
  ["read the lane", "GET", () => `/projects/${projectSlug}/lane`, [R, R, F, N, R, F, R, U, N, U]],
  ["retry an unpaused lane", "POST", () => `/projects/${projectSlug}/lane/retry`, [C, C, F, N, F, C, C, U, N, U]],
  ["skip an unpaused lane", "POST", () => `/projects/${projectSlug}/lane/skip`, [C, C, F, N, F, C, C, U, N, U]],
];

describe("the permission matrix", () => {
  it.each(matrix)("%s (%s) answers each caller as the access rules say", async (_name, method, path, expected, body) => {
    const actual: Partial<Record<Caller, number>> = {};
    for (const caller of callers) actual[caller] = (await call(caller, method, path(), body)).status;
    expect(actual).toEqual(Object.fromEntries(callers.map((caller, index) => [caller, expected[index]])));
  });

  it("explains refusals in the error envelope, and asks for credentials on 401", async () => {
    const refused = await call("member", "POST", `/projects/${projectSlug}/jobs`, { type: "revenuecat_sync" });
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: "Jobs need the admin or owner role in this team" });
    const readOnly = await call("readKey", "POST", `/projects/${projectSlug}/jobs`, { type: "revenuecat_sync" });
    expect(readOnly.body.error).toMatchObject({ code: "forbidden", message: "This API key lacks the jobs:write permission" });
    const revoked = await fetch(`${baseUrl()}/api/v1/projects`, { headers: headers.revokedKey });
    expect(revoked.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it("judges a request with an Authorization header by the key alone, never by a session riding along", async () => {
    const response = await fetch(`${baseUrl()}/api/v1/projects`, { headers: { ...headers.admin, ...headers.revokedKey } });
    expect(response.status).toBe(401);
    const malformed = await fetch(`${baseUrl()}/api/v1/projects`, { headers: { ...headers.admin, Authorization: "Basic YWRtaW46cGFzcw==" } });
    expect(malformed.status).toBe(401);
  });

  it("lists only the caller's own team's projects", async () => {
    const listed = async (caller: Caller) => ((await call(caller, "GET", "/projects")).body.projects as Array<{ slug: string }>).map((project) => project.slug);
    expect(await listed("readKey")).toContain(projectSlug);
    expect(await listed("member")).toContain(projectSlug);
    expect(await listed("otherTeamKey")).not.toContain(projectSlug);
    expect(await listed("stranger")).not.toContain(projectSlug);
  });

  it("never shows system job types or system runs, to anyone", async () => {
    for (const caller of ["owner", "readWriteKey"] as const) {
      const types = (await call(caller, "GET", `/projects/${projectSlug}/job-types`)).body.jobTypes as Array<{ type: string }>;
      expect(types.map((type) => type.type)).toEqual(catalog.projectTypes().map((definition) => definition.type));
      expect(types.map((type) => type.type)).not.toContain("job_runs_cleanup");
      expect((await call(caller, "GET", `/runs/${systemRunId}`)).status).toBe(404);
      expect((await call(caller, "POST", `/runs/${systemRunId}/retry`)).status).toBe(404);
      expect((await call(caller, "POST", `/runs/${systemRunId}/cancel`)).status).toBe(404);
      const trigger = await call(caller, "POST", `/projects/${projectSlug}/jobs`, { type: "job_runs_cleanup" });
      expect(trigger.status).toBe(400);
      expect(trigger.body.error?.message).toBe('Unknown job type "job_runs_cleanup"');
      expect((await call(caller, "GET", `/projects/${projectSlug}/runs?type=job_runs_cleanup`)).status).toBe(400);
    }
  });

  it("attributes a key's runs to the key, and its notify emails to the key's creator", async () => {
    const team = await demoTeam();
    const creator = await createUser(team.id, "admin");
    const { key } = await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: creator.id });
    const response = await fetch(`${baseUrl()}/api/v1/projects/${projectSlug}/jobs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type: "revenuecat_sync", notify: true }),
    });
    const { run } = (await response.json()) as { run: { id: string; trigger: { kind: string; label: string } } };
    expect(run.trigger).toEqual({ kind: "api_key", label: 'API key "e2e jobs:read+jobs:write"' });
    await waitUntilFinished(run.id);
    const stored = await prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.triggeredByUserId).toBe(creator.id);
    // The email is queued in the same transaction that ends the run.
    expect((await prisma.notificationDelivery.findFirstOrThrow({ where: { notification: { runId: run.id } } })).recipient).toBe(creator.email);
  });
});
