// Strict params over real HTTP (issue 17, item 7): prototype keys and unknown keys are refused
// with a 400 that names the key, URLs are http(s) only, and notify from an API key with nobody to
// email is refused; none of these writes a run or queues a job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, sessionCookie } from "./helpers";
import { createKey, createUser, demoTeam, prisma } from "./fixtures";

let cookie: string;
let bearer: string;
const jobs = `/api/v1/projects/${demo.project.slug}/jobs`;

beforeAll(async () => {
  cookie = await sessionCookie(demo.admin.email);
  const team = await demoTeam();
  const creator = await createUser(team.id, "admin");
  bearer = (await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: creator.id })).key;
});
afterAll(() => prisma.$disconnect());

async function counts() {
  const [runs, queued] = await Promise.all([prisma.jobRun.count(), prisma.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) FROM pgboss.job`]);
  return { runs, jobs: Number(queued[0]?.count ?? 0) };
}

async function trigger(body: string, auth: Record<string, string>) {
  const response = await fetch(`${baseUrl()}${jobs}`, { method: "POST", headers: { ...auth, "Content-Type": "application/json", Origin: baseUrl() }, body });
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } } };
}

describe("strict params", () => {
  it("refuses __proto__, constructor and prototype keys anywhere, naming the key, and writes nothing", async () => {
    const before = await counts();
    const cases: Array<[string, string]> = [
      ['{"type":"revenuecat_sync","params":{"__proto__":{"pageSize":5}}}', "params.__proto__"],
      ['{"type":"revenuecat_sync","params":{"pageSize":5,"__proto__":{"admin":true}}}', "params.__proto__"],
      ['{"type":"revenuecat_sync","params":{"constructor":{"prototype":{"x":1}}}}', "params.constructor"],
      ['{"type":"revenuecat_sync","params":{"prototype":1}}', "params.prototype"],
      ['{"type":"revenuecat_sync","__proto__":{"notify":true}}', "__proto__"],
    ];
    for (const [index, [body, path]] of cases.entries()) {
      const auths: Array<Record<string, string>> = [{ Cookie: cookie }, { Authorization: `Bearer ${bearer}` }];
      for (const auth of auths) {
        const answer = await trigger(body, auth);
        expect(answer.status, `case ${index}`).toBe(400);
        expect(answer.body.error.issues?.map((issue) => issue.path), `case ${index}`).toContain(path);
        expect(JSON.stringify(answer.body.error.issues)).toContain(path.split(".").at(-1));
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown params, naming them", async () => {
    const answer = await trigger(JSON.stringify({ type: "revenuecat_sync", params: { pageSize: 5, dryRun: true } }), { Cookie: cookie });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.error.issues)).toContain("dryRun");
  });

  it("refuses URLs that are not http(s) in push_metadata", async () => {
    const before = await counts();
    for (const marketingUrl of ["javascript:alert(document.cookie)", "JavaScript://example.com/%0Aalert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.com/app", "file:///etc/passwd"]) {
      const answer = await trigger(JSON.stringify({ type: "push_metadata", params: { locale: "en-US", marketingUrl } }), { Authorization: `Bearer ${bearer}` });
      expect(answer.status, marketingUrl).toBe(400);
      expect(answer.body.error.issues).toContainEqual({ path: "params.marketingUrl", message: "Marketing URL must be an http(s) URL such as https://example.com" });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses notify from an API key without a creator, since nobody could be emailed", async () => {
    const creatorless = (await createKey((await demoTeam()).id, ["jobs:read", "jobs:write"])).key;
    const before = await counts();
    const answer = await trigger(JSON.stringify({ type: "revenuecat_sync", notify: true }), { Authorization: `Bearer ${creatorless}` });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/no creator/);
    expect(answer.body.error.issues).toContainEqual({ path: "notify", message: "this API key has no creator to notify" });
    for (const seed of ["ratings/sync", "ads/sync", "integrations/app-store-connect/sync"]) {
      const response = await fetch(`${baseUrl()}/api/v1/projects/${demo.project.slug}/${seed}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${creatorless}`, "Content-Type": "application/json" },
        body: JSON.stringify({ notify: true }),
      });
      expect(response.status, seed).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });
});
