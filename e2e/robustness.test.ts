// Bad input over real HTTP (issue 5): a few hundred malformed requests from an authorized caller.
// Each gets a 4xx with a clear message in the error envelope (never a 500, never internals),
// and together they write nothing: no run, no queued job, no email, no key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, sessionCookie } from "./helpers";
import { createKey, demoTeam, prisma } from "./fixtures";

interface Case {
  name: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  expect: number | "4xx";
  /** The answer is the dashboard's HTML 404 page, not the API's envelope. */
  html?: boolean;
}

let cookie: string;
let bearer: string;

beforeAll(async () => {
  cookie = await sessionCookie(demo.admin.email);
  bearer = (await createKey((await demoTeam()).id, ["jobs:read", "jobs:write"])).key;
});
afterAll(() => prisma.$disconnect());

const project = demo.project.slug;
const jobs = `/api/v1/projects/${project}/jobs`;
const json = (value: unknown) => JSON.stringify(value);

function cases(): Case[] {
  const list: Case[] = [];
  const post = (name: string, body: string, expected: number | "4xx" = 400, path = jobs) => list.push({ name, method: "POST", path, body, expect: expected });

  // Not JSON, or not a JSON object.
  for (const body of ["{", "[", "}", '{"type":}', "{'type':'revenuecat_sync'}", '{"type":"revenuecat_sync",}', "undefined", "NaN", "\u0000", '{"type":"revenuecat_sync"', "<xml/>", "type=revenuecat_sync"]) {
    post(`invalid JSON ${JSON.stringify(body)}`, body);
  }
  for (const body of ["[]", '"revenuecat_sync"', "123", "null", "true", "[{}]"]) post(`JSON that is not an object: ${body}`, body);

  // Wrong types for each field.
  for (const type of [1, true, null, [], {}, ["revenuecat_sync"], ""]) post(`type ${json(type)}`, json({ type }));
  for (const params of ["pageSize=5", 5, [], true, [["pageSize", 5]]]) post(`params ${json(params)}`, json({ type: "revenuecat_sync", params }));
  for (const notify of ["yes", 1, 0, [], {}, "true"]) post(`notify ${json(notify)}`, json({ type: "revenuecat_sync", notify }));

  // Unknown fields, at the top and inside params.
  for (const extra of [{ foo: 1 }, { priority: 10 }, { projectId: "x" }, { runAt: "tomorrow" }, { Type: "revenuecat_sync" }]) {
    post(`unknown field ${Object.keys(extra)[0]}`, json({ type: "revenuecat_sync", ...extra }));
  }
  post("unknown param", json({ type: "revenuecat_sync", params: { pageSize: 5, dryRun: true } }));
  post("__proto__ field", '{"type":"revenuecat_sync","__proto__":{"admin":true}}');
  post("constructor param", '{"type":"revenuecat_sync","params":{"constructor":{"prototype":{}}}}');

  // Unknown, system, or disguised job types.
  for (const type of ["nope", "job_runs_cleanup", "REVENUECAT_SYNC", " revenuecat_sync", "revenuecat_sync ", "revenuecat_sync\u0000", "../revenuecat_sync", "revenuecat-sync", "test_noop", "toString", "__proto__", "constructor"]) {
    post(`job type ${JSON.stringify(type)}`, json({ type }));
  }

  // Params failing the type's schema.
  for (const pageSize of [0, -1, 101, 1.5, "20", null, "", [], {}, Number.MAX_SAFE_INTEGER + 2]) {
    post(`pageSize ${JSON.stringify(pageSize)}`, json({ type: "revenuecat_sync", params: { pageSize } }));
  }
  post("pageSize beyond a double (Infinity once parsed)", '{"type":"revenuecat_sync","params":{"pageSize":1e309}}');

  // Huge input: strings over the field limits, bodies over 64 KB.
  post("a 10,000-character type", json({ type: "x".repeat(10_000) }));
  post("a 60 KB unknown param", json({ type: "revenuecat_sync", params: { note: "x".repeat(60_000) } }));
  post("a 70 KB body", json({ type: "revenuecat_sync", params: { note: "x".repeat(70_000) } }), 413);
  post("a 5 MB body", json({ type: "revenuecat_sync", padding: "y".repeat(5_000_000) }), 413);
  post("deeply nested params", `{"type":"revenuecat_sync","params":${"{\"a\":".repeat(2000)}1${"}".repeat(2000)}}`);

  // Ids that are not ids, on every run route.
  const badIds = ["abc", "123", "00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-000000000000x", "%00", "'%20OR%201=1%20--", "..%2F..%2Fetc%2Fpasswd", "x".repeat(500), "%F0%9F%92%A5", "null", "undefined"];
  for (const id of badIds) {
    list.push({ name: `GET run ${id.slice(0, 40)}`, method: "GET", path: `/api/v1/runs/${id}`, expect: 404 });
    list.push({ name: `cancel run ${id.slice(0, 40)}`, method: "POST", path: `/api/v1/runs/${id}/cancel`, expect: 404 });
    list.push({ name: `retry run ${id.slice(0, 40)}`, method: "POST", path: `/api/v1/runs/${id}/retry`, expect: 404 });
  }
  list.push({ name: "a run id that exists nowhere", method: "GET", path: "/api/v1/runs/6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f", expect: 404 });

  // Project path tricks, on every project route.
  const badProjects = ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "demo-app%00", "demo-app;drop table projects", "DEMO-APP", "demo-app%20", "x".repeat(1000), "%27%20OR%20%271%27=%271", "*", "%25"];
  for (const slug of badProjects) {
    for (const [method, suffix] of [["GET", "job-types"], ["GET", "runs"], ["POST", "jobs"], ["GET", "lane"], ["POST", "lane/retry"], ["POST", "lane/skip"]] as const) {
      list.push({ name: `${method} ${suffix} of project ${slug.slice(0, 30)}`, method, path: `/api/v1/projects/${slug}/${suffix}`, body: method === "POST" ? json({ type: "revenuecat_sync" }) : undefined, expect: 404 });
    }
  }
  for (const path of ["/api/v1/nope", "/api/v1/projects/demo-app/nope", "/api/v1/runs", "/api/v1/projects/demo-app/jobs/extra", "/api/v1/projects/demo-app/runs/x/y"]) {
    list.push({ name: `unknown route ${path}`, method: "GET", path, expect: 404 });
  }
  // Dot segments are resolved before routing: this names /etc/passwd, a dashboard page that does not exist.
  list.push({ name: "dot segments out of the API", method: "GET", path: "/api/v1/%2e%2e/%2e%2e/etc/passwd", expect: 404, html: true });
  list.push({ name: "GET on the trigger route", method: "GET", path: jobs, expect: 405 });
  list.push({ name: "DELETE on a run", method: "DELETE", path: "/api/v1/runs/6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f", expect: 405 });
  list.push({ name: "PUT on runs", method: "PUT", path: `/api/v1/projects/${project}/runs`, expect: 405 });

  // Query parameters.
  const runs = `/api/v1/projects/${project}/runs`;
  for (const query of ["limit=0", "limit=-1", "limit=101", "limit=abc", "limit=1.5", "limit=", "limit=1e3", "status=bogus", "status=PENDING", "status=", "type=", "type=nope", "type=job_runs_cleanup", `type=${"x".repeat(300)}`, "cursor=garbage", "cursor=" + Buffer.from("2026-01-01T00:00:00Z|not-an-id").toString("base64url"), "cursor=" + Buffer.from("not a date|6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f").toString("base64url"), "cursor=" + Buffer.from("0000-01-01T00:00:00.000Z|6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f").toString("base64url"), "from=0000-01-01T00:00:00Z", "to=0000-01-01T01:00:00%2B05:00", "from=tomorrow", "to=99999-01-01T00:00:00Z", `cursor=${"A".repeat(300)}`, "foo=1", "limit=5&extra=1"]) {
    list.push({ name: `runs?${query.slice(0, 40)}`, method: "GET", path: `${runs}?${query}`, expect: 400 });
  }

  // Authorization headers that are not a bearer key.
  for (const value of ["Bearer", "Bearer ", "Basic YWRtaW46ZGVtby1wYXNzd29yZA==", "Token abc", "Bearer tdk_", "Bearer tdk_" + "x".repeat(5000), "Bearer a b", "bearer"]) {
    list.push({ name: `Authorization: ${value.slice(0, 30)}`, method: "POST", path: jobs, body: json({ type: "revenuecat_sync" }), headers: { Authorization: value }, expect: 401 });
  }
  return list;
}

async function counts() {
  const [runs, jobs, notifications, keys] = await Promise.all([
    prisma.jobRun.count(),
    prisma.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) FROM pgboss.job`,
    prisma.notification.count(),
    prisma.apiKey.count(),
  ]);
  return { runs, jobs: Number(jobs[0]?.count ?? 0), notifications, keys };
}

describe("malformed requests", () => {
  const all = cases();

  it(`are a few hundred (${all.length})`, () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
  });

  it("each get a 4xx with a clear message, and none of them writes anything", async () => {
    const before = await counts();
    const failures: string[] = [];
    for (const [index, item] of all.entries()) {
      // Half through the session cookie, half through an API key: both paths validate alike.
      const auth = item.headers ?? (index % 2 === 0 ? { Cookie: cookie, Origin: baseUrl() } : { Authorization: `Bearer ${bearer}` });
      const response = await fetch(`${baseUrl()}${item.path}`, {
        method: item.method,
        headers: { ...auth, ...(item.body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: item.body,
      });
      const text = await response.text();
      const status = response.status;
      const statusOk = item.expect === "4xx" ? status >= 400 && status < 500 : status === item.expect;
      if (!statusOk) failures.push(`${item.name}: expected ${item.expect}, got ${status} ${text.slice(0, 200)}`);
      if (item.html) continue; // A dashboard page, not the API.
      let message = "";
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? "";
      } catch {
        failures.push(`${item.name}: answer is not JSON: ${text.slice(0, 120)}`);
      }
      if (message.length < 5) failures.push(`${item.name}: no clear message (${text.slice(0, 120)})`);
      if (/\n\s+at |prisma|postgres|SELECT |TypeError|undefined is/i.test(text)) failures.push(`${item.name}: internals leaked: ${text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("names the offending fields in issues", async () => {
    const response = await fetch(`${baseUrl()}${jobs}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: baseUrl(), "Content-Type": "application/json" },
      body: json({ type: "revenuecat_sync", params: { pageSize: 500 }, notify: "yes" }),
    });
    const body = (await response.json()) as { error: { issues: Array<{ path: string; message: string }> } };
    expect(response.status).toBe(400);
    expect(body.error.issues).toContainEqual({ path: "notify", message: "notify must be true or false" });

    const params = await fetch(`${baseUrl()}${jobs}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: baseUrl(), "Content-Type": "application/json" },
      body: json({ type: "revenuecat_sync", params: { pageSize: 500 } }),
    });
    expect(params.status).toBe(400);
    expect(((await params.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
      { path: "params.pageSize", message: "Page size must be at most 100 (RevenueCat's page limit)" },
    ]);
  });
});
