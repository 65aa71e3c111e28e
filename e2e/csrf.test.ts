// CSRF (issue 17, item 3), over real HTTP: a signed-in browser's cookie rides along on requests
// that other sites start, so a cookie-authenticated change must come from the app's own origin
// (Origin, or Referer without it) and bodies must be JSON; bearer keys and the CORS-open ingest
// routes are not affected.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "@/lib/auth/api-keys";
import { demo } from "@/prisma/seed";
import { baseUrl, sessionCookie } from "./helpers";
import { createKey, createTeamWithProject, demoTeam, prisma } from "./fixtures";

let cookie: string;
let bearer: string;
// Another port of the same host: same-site for the browser, so SameSite cookies do not stop it.
const evil = () => baseUrl().replace(/:\d+$/, ":1");
const jobs = `/api/v1/projects/${demo.project.slug}/jobs`;
const missingRun = "/api/v1/runs/6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f/cancel";

beforeAll(async () => {
  cookie = await sessionCookie(demo.admin.email);
  bearer = (await createKey((await demoTeam()).id, ["jobs:read", "jobs:write"])).key;
});
afterAll(() => prisma.$disconnect());

const runCount = () => prisma.jobRun.count();

async function post(path: string, headers: Record<string, string>, body?: string) {
  const response = await fetch(`${baseUrl()}${path}`, { method: "POST", headers, body, redirect: "manual" });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), error: (JSON.parse(text) as { error: { code: string; message: string } }).error };
}

describe("cookie-authenticated changes", () => {
  it("are refused with 403 from another origin, or without any Origin or Referer, and write nothing", async () => {
    const before = await runCount();
    const trigger = JSON.stringify({ type: "revenuecat_sync" });
    const attempts: Array<Record<string, string>> = [
      { Origin: evil(), "Content-Type": "application/json" },
      { Origin: "https://attacker.example", "Content-Type": "application/json" },
      { Origin: "null", "Content-Type": "application/json" },
      { Referer: `${evil()}/page.html`, "Content-Type": "application/json" },
      { "Content-Type": "application/json" },
      // What a `no-cors` fetch from another page sends: text/plain, with its own origin.
      { Origin: evil(), "Content-Type": "text/plain;charset=UTF-8" },
    ];
    for (const headers of attempts) {
      const answer = await post(jobs, { Cookie: cookie, ...headers }, trigger);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.error.code).toBe("forbidden");
      expect(answer.error.message).toMatch(/Cross-origin request refused/);
    }
    // An auto-submitted form cancelling a run.
    const form = await post(missingRun, { Cookie: cookie, Origin: evil(), "Content-Type": "application/x-www-form-urlencoded" }, "x=1");
    expect(form.status).toBe(403);
    expect(form.contentType).toMatch(/^application\/json/);
    expect(await runCount()).toBe(before);
  });

  it("pass from the app's own origin, by Origin or by Referer", async () => {
    const own: Array<Record<string, string>> = [{ Origin: baseUrl() }, { Referer: `${baseUrl()}/projects/${demo.project.slug}/runs` }];
    for (const headers of own) {
      const answer = await post(missingRun, { Cookie: cookie, ...headers });
      // Past the origin check: the run does not exist.
      expect(answer.status, JSON.stringify(headers)).toBe(404);
    }
  });

  it("must send JSON bodies as application/json: text/plain is a 415 even from the app's own origin", async () => {
    const before = await runCount();
    for (const contentType of ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const answer = await post(jobs, { Cookie: cookie, Origin: baseUrl(), "Content-Type": contentType }, JSON.stringify({ type: "revenuecat_sync" }));
      expect(answer.status, contentType).toBe(415);
      expect(answer.error.code).toBe("unsupported_media_type");
    }
    const bare = await fetch(`${baseUrl()}${jobs}`, { method: "POST", headers: { Authorization: `Bearer ${bearer}` }, body: new Blob([JSON.stringify({ type: "revenuecat_sync" })]) });
    expect(bare.status).toBe(415);
    expect(await runCount()).toBe(before);
  });
});

describe("requests with a bearer key", () => {
  it("need no Origin check: another origin's script with a key is not CSRF", async () => {
    const answer = await post(missingRun, { Authorization: `Bearer ${bearer}`, Origin: evil() });
    expect(answer.status).toBe(404);
  });

  it("to the ingest routes keep working cross-origin", async () => {
    const { project } = await createTeamWithProject("csrf-ingest");
    const key = `tdi_${randomBytes(30).toString("base64url")}`;
    await prisma.ingestKey.create({ data: { projectId: project.id, name: "e2e", prefix: key.slice(0, 12), hash: hashKey(key) } });
    const response = await fetch(`${baseUrl()}/api/v1/ingest/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, Origin: "https://app.example.com", "Content-Type": "application/json" },
      body: JSON.stringify({ events: [{ kind: "event", name: "launch", timestamp: new Date().toISOString() }] }),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});
