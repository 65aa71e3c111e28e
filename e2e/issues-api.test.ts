// The issues API over real HTTP: members and keys of the team read a project's issues (filtered,
// paginated, one with its recent events); resolving and ignoring need jobs:write; another team's
// issue is 404 whatever the caller.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiIssueDetailSchema, apiIssueSchema } from "@/lib/issues/schemas";
import { baseUrl, sessionCookie } from "./helpers";
import { createKey, createTeamWithProject, createUser, prisma } from "./fixtures";

let project: { id: string; slug: string; teamId: string };
let readKey: string;
let writeKey: string;
let strangerKey: string;
let memberCookie: string;
const ids: string[] = [];

async function issue(title: string, options: { status?: "new" | "regressed" | "resolved" | "ignored"; minutesAgo: number; versions?: string[]; production?: boolean }) {
  const at = new Date(Date.now() - options.minutesAgo * 60_000);
  const fingerprint = randomUUID().replaceAll("-", "");
  const created = await prisma.issue.create({
    data: { projectId: project.id, fingerprint, title, errorType: title.split(":")[0], status: options.status ?? "new", eventCount: 3, usersAffected: 2, firstSeenAt: at, lastSeenAt: at, appVersions: options.versions ?? ["1.0.0"], inProduction: options.production ?? true, stack: "at main()" },
  });
  await prisma.event.create({ data: { id: randomUUID(), projectId: project.id, occurredAt: at, name: "crash", level: "error", message: title, fingerprint, appVersion: "1.0.0" } });
  return created.id;
}

beforeAll(async () => {
  ({ project } = await createTeamWithProject("issues"));
  ids.push(await issue("TypeError: a is undefined", { minutesAgo: 1, versions: ["1.2.0"] }));
  ids.push(await issue("RangeError: index out of range", { minutesAgo: 2, status: "regressed" }));
  ids.push(await issue("NetworkError: timeout", { minutesAgo: 3, status: "resolved" }));
  ids.push(await issue("DevError: only in development", { minutesAgo: 4, production: false }));
  readKey = (await createKey(project.teamId, ["jobs:read"])).key;
  writeKey = (await createKey(project.teamId, ["jobs:read", "jobs:write"])).key;
  const { team: other } = await createTeamWithProject("strangers");
  strangerKey = (await createKey(other.id, ["jobs:read", "jobs:write"])).key;
  memberCookie = await sessionCookie((await createUser(project.teamId, "member")).email);
});
afterAll(() => prisma.$disconnect());

async function api(path: string, auth: { key?: string; cookie?: string }, method = "GET") {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, { method, headers: auth.key ? { Authorization: `Bearer ${auth.key}` } : { Cookie: auth.cookie!, Origin: baseUrl() } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/v1/projects/:projectId/issues", () => {
  it("lists issues last seen first, with filters, for a member and a read key", async () => {
    const all = await api(`/projects/${project.slug}/issues`, { cookie: memberCookie });
    expect(all.status).toBe(200);
    const issues = apiIssueSchema.array().parse(all.body.issues);
    expect(issues.map((one) => one.id)).toEqual(ids);
    const open = await api(`/projects/${project.id}/issues?status=open&environment=production`, { key: readKey });
    expect((open.body.issues as Array<{ id: string }>).map((one) => one.id)).toEqual([ids[0], ids[1]]);
    const byVersion = await api(`/projects/${project.slug}/issues?appVersion=1.2.0`, { key: readKey });
    expect((byVersion.body.issues as Array<{ id: string }>).map((one) => one.id)).toEqual([ids[0]]);
    const search = await api(`/projects/${project.slug}/issues?q=RANGE`, { key: readKey });
    expect((search.body.issues as Array<{ id: string }>).map((one) => one.id)).toEqual([ids[1]]);
  });

  it("pages with a cursor, and refuses bad queries", async () => {
    const first = await api(`/projects/${project.slug}/issues?limit=3`, { key: readKey });
    expect((first.body.issues as unknown[]).length).toBe(3);
    const second = await api(`/projects/${project.slug}/issues?limit=3&cursor=${first.body.nextCursor as string}`, { key: readKey });
    expect((second.body.issues as Array<{ id: string }>).map((one) => one.id)).toEqual([ids[3]]);
    expect(second.body.nextCursor).toBeNull();
    for (const query of ["status=broken", "limit=0", "cursor=zzz", "surprise=1"]) expect((await api(`/projects/${project.slug}/issues?${query}`, { key: readKey })).status).toBe(400);
    expect((await api(`/projects/${project.slug}/issues`, { key: strangerKey })).status).toBe(404);
  });
});

describe("GET /api/v1/issues/:issueId and resolve/ignore", () => {
  it("reads one issue with its stack and recent events", async () => {
    const { status, body } = await api(`/issues/${ids[0]}`, { key: readKey });
    expect(status).toBe(200);
    const detail = apiIssueDetailSchema.parse(body.issue);
    expect(detail).toMatchObject({ title: "TypeError: a is undefined", stack: "at main()" });
    expect(detail.recentEvents).toHaveLength(1);
    for (const id of [ids[0], "not-a-uuid", randomUUID()]) expect((await api(`/issues/${id}`, { key: strangerKey })).status).toBe(404);
  });

  it("resolves and ignores with jobs:write only", async () => {
    expect((await api(`/issues/${ids[0]}/resolve`, { key: readKey }, "POST")).status).toBe(403);
    expect((await api(`/issues/${ids[0]}/resolve`, { cookie: memberCookie }, "POST")).status).toBe(403);
    expect((await api(`/issues/${ids[0]}/resolve`, { key: strangerKey }, "POST")).status).toBe(404);
    const resolved = await api(`/issues/${ids[0]}/resolve`, { key: writeKey }, "POST");
    expect(resolved.status).toBe(200);
    expect(apiIssueSchema.parse(resolved.body.issue)).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    const ignored = await api(`/issues/${ids[1]}/ignore`, { key: writeKey }, "POST");
    expect(apiIssueSchema.parse(ignored.body.issue)).toMatchObject({ status: "ignored", resolvedAt: null });
    expect((await prisma.issue.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe("ignored");
  });
});
