// REST API v1 over real HTTP, signed in with the dashboard session (PRODUCT.md "REST API v1").
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { ApiRun } from "@/lib/jobs/runs";
import { demo } from "@/prisma/seed";
import { baseUrl, sessionCookie } from "./helpers";

let admin: string;
let member: string;
let db: pg.Client;

beforeAll(async () => {
  admin = await sessionCookie(demo.admin.email);
  member = await sessionCookie(demo.member.email);
  db = new pg.Client({ connectionString: inject("databaseUrl") });
  await db.connect();
});
afterAll(() => db?.end());

// Every field a response of these routes may carry; each test reads the ones its route returns.
interface ApiBody {
  run: ApiRun;
  runs: ApiRun[];
  nextCursor: string | null;
  error: { code: string; message: string; issues: Array<{ path: string; message: string }>; existingRunId?: string };
}

async function api(path: string, options: { cookie?: string; method?: string; body?: string } = {}) {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: options.method ?? "GET",
    headers: { "Content-Type": "application/json", ...(options.cookie ? { Cookie: options.cookie, Origin: baseUrl() } : {}) },
    body: options.body,
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

const runCount = async () => Number((await db.query("SELECT count(*) FROM job_runs")).rows[0].count);

async function waitForFinish(runId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await api(`/api/v1/runs/${runId}`, { cookie: admin });
    if (!["pending", "running"].includes(body.run.status)) return body.run;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("POST /api/v1/projects/:projectId/jobs", () => {
  it("answers 202 with the run in the documented shape, by slug or by id", async () => {
    const { status, body } = await api(`/api/v1/projects/${demo.project.slug}/jobs`, {
      cookie: admin,
      method: "POST",
      body: JSON.stringify({ type: "revenuecat_sync", params: { pageSize: 50 }, notify: true }),
    });
    expect(status).toBe(202);
    const run = body.run;
    expect(Object.keys(run).sort()).toEqual(
      ["createdAt", "error", "finishedAt", "id", "notify", "params", "progress", "projectId", "result", "retryOfId", "startedAt", "status", "trigger", "type"].sort(),
    );
    expect(run).toMatchObject({
      type: "revenuecat_sync",
      status: "pending",
      params: { pageSize: 50 },
      notify: true,
      error: null,
      retryOfId: null,
      trigger: { kind: "user", label: demo.admin.name },
      progress: { processed: 0, total: null, message: null, percent: null },
    });
    expect(new Date(run.createdAt).toISOString()).toBe(run.createdAt);

    // A duplicate while it is active: 409 with the existing run's id (the same project by its id).
    const duplicate = await api(`/api/v1/projects/${run.projectId}/jobs`, { cookie: admin, method: "POST", body: JSON.stringify({ type: "revenuecat_sync" }) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "job_already_running", existingRunId: run.id });

    const finished = await waitForFinish(run.id);
    expect(finished.status).toBe("completed");
    expect(finished.progress.percent).toBe(100);
    expect(finished.result).toMatchObject({ total: finished.progress.total });
    expect(finished.startedAt).not.toBeNull();
    expect(finished.finishedAt).not.toBeNull();
  });

  it("rejects bad input with 400 and field issues, writing nothing", async () => {
    const before = await runCount();
    const cases: Array<[string, string, string | undefined]> = [
      ["{not json", "bad_request", undefined],
      [JSON.stringify({ type: "revenuecat_sync", params: { pageSize: 0 } }), "invalid_params", "params.pageSize"],
      [JSON.stringify({ type: "revenuecat_sync", params: "all" }), "bad_request", "params"],
      [JSON.stringify({ type: "revenuecat_sync", unknown: 1 }), "bad_request", "(body)"],
      [JSON.stringify({ type: "no_such_job" }), "bad_request", "type"],
      [JSON.stringify({ notify: true }), "bad_request", "type"],
      [JSON.stringify([1, 2]), "bad_request", "(body)"],
    ];
    for (const [body, code, path] of cases) {
      const response = await api(`/api/v1/projects/${demo.project.slug}/jobs`, { cookie: admin, method: "POST", body });
      expect(response.status, body).toBe(400);
      expect(response.body.error.code, body).toBe(code);
      expect(typeof response.body.error.message).toBe("string");
      if (path) expect(response.body.error.issues.map((issue: { path: string }) => issue.path), body).toContain(path);
    }
    const huge = await api(`/api/v1/projects/${demo.project.slug}/jobs`, {
      cookie: admin,
      method: "POST",
      body: JSON.stringify({ type: "revenuecat_sync", params: { pad: "x".repeat(70 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
    expect(await runCount()).toBe(before);
  });

  it("needs a session (401), the admin or owner role (403), and hides other projects (404)", async () => {
    const before = await runCount();
    const body = JSON.stringify({ type: "revenuecat_sync" });
    expect((await api(`/api/v1/projects/${demo.project.slug}/jobs`, { method: "POST", body })).status).toBe(401);
    const forbidden = await api(`/api/v1/projects/${demo.project.slug}/jobs`, { cookie: member, method: "POST", body });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("forbidden");
    for (const project of ["someone-elses-app", "00000000-0000-4000-8000-000000000000"]) {
      const missing = await api(`/api/v1/projects/${project}/jobs`, { cookie: admin, method: "POST", body });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("not_found");
    }
    expect(await runCount()).toBe(before);
  });
});

describe("GET /api/v1/projects/:projectId/runs and GET /api/v1/runs/:runId", () => {
  it("lists runs newest first with keyset pagination and filters", async () => {
    // Finished runs of earlier days, two of them created in the same millisecond: the keyset
    // (created_at, id) must still page through them without skipping or repeating one.
    await db.query(
      `INSERT INTO job_runs (id, type, project_id, status, trigger_kind, created_at, finished_at)
       SELECT gen_random_uuid(), 'revenuecat_sync', p.id, s.status::"RunStatus", 'user', s.at, s.at
         FROM projects p, (VALUES ('completed', timestamptz '2026-01-02 10:00:00'), ('failed', '2026-01-02 10:00:00'),
                                  ('cancelled', '2026-01-01 09:00:00')) AS s(status, at)
        WHERE p.slug = $1`,
      [demo.project.slug],
    );
    const all = await api(`/api/v1/projects/${demo.project.slug}/runs?limit=100`, { cookie: admin });
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const ids: string[] = all.body.runs.map((run: { id: string }) => run.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const created = all.body.runs.map((run: { createdAt: string }) => run.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    // One run per page, following nextCursor, visits the same runs in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(`/api/v1/projects/${demo.project.slug}/runs?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { cookie: admin });
      expect(page.body.runs.length).toBeLessThanOrEqual(1);
      paged.push(...page.body.runs.map((run: { id: string }) => run.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(ids);

    const completed = await api(`/api/v1/projects/${demo.project.slug}/runs?status=completed&type=revenuecat_sync`, { cookie: admin });
    expect(completed.body.runs.length).toBeGreaterThan(0);
    expect(completed.body.runs.every((run: { status: string }) => run.status === "completed")).toBe(true);

    for (const query of ["status=done", "limit=0", "limit=1000", "cursor=nonsense", "surprise=1"]) {
      const bad = await api(`/api/v1/projects/${demo.project.slug}/runs?${query}`, { cookie: admin });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code, query).toBe("bad_request");
    }
  });

  it("shows one run to admins, refuses members and strangers", async () => {
    const { body } = await api(`/api/v1/projects/${demo.project.slug}/runs?limit=1`, { cookie: admin });
    const runId = body.runs[0]!.id;
    const one = await api(`/api/v1/runs/${runId}`, { cookie: admin });
    expect(one.status).toBe(200);
    expect(one.body.run.id).toBe(runId);
    expect((await api(`/api/v1/runs/${runId}`, { cookie: member })).status).toBe(403);
    expect((await api(`/api/v1/runs/${runId}`)).status).toBe(401);
    expect((await api(`/api/v1/runs/00000000-0000-4000-8000-000000000000`, { cookie: admin })).status).toBe(404);
    expect((await api(`/api/v1/runs/not-an-id`, { cookie: admin })).status).toBe(404);
    expect((await api(`/api/v1/projects/${demo.project.slug}/runs`, { cookie: member })).status).toBe(403);
  });
});
