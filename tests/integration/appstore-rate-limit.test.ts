// App Store Connect's rate limit, for real: the sandbox counts requests per key over a rolling
// window and answers 429 RATE_LIMIT_EXCEEDED (without Retry-After, as Apple often does) once the
// budget is spent; the client backs off and retries, the run says why it is waiting, and it
// completes with everything stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintToken, signingKey } from "@/lib/appstore/token";
import { prisma } from "@/lib/db/prisma";
import { startAppStoreSandbox, type AppStoreSandbox } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createUser } from "../helpers/fixtures";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";
import { triggerJob } from "../helpers/test-job-types";

const app = sandboxApp("1900000001", { reviewCount: 60 });
const BUDGET = 5;
const WINDOW_MS = 2500;
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  sandbox = await startAppStoreSandbox({ apps: [app], budgetPerHour: BUDGET, windowMs: WINDOW_MS });
  process.env.APP_STORE_CONNECT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

describe("App Store Connect's rate limit", () => {
  it("answers 429 RATE_LIMIT_EXCEEDED once the key's budget is spent, with X-Rate-Limit on every answer", async () => {
    const bearer = mintToken(app, signingKey(app.privateKeyPem), Math.floor(Date.now() / 1000));
    const statuses: Array<[number, string | null]> = [];
    for (let index = 0; index <= BUDGET; index += 1) {
      const response = await fetch(`${sandbox.url}/v1/apps/${app.appId}/appStoreVersions`, { headers: { Authorization: `Bearer ${bearer}` } });
      statuses.push([response.status, response.headers.get("x-rate-limit")]);
      if (response.status === 429) {
        expect(await response.json()).toMatchObject({
          errors: [{ status: "429", code: "RATE_LIMIT_EXCEEDED", title: "The request rate limit has been reached." }],
        });
        expect(response.headers.get("retry-after")).toBeNull();
      }
    }
    expect(statuses).toEqual([
      [200, "user-hour-lim:5;user-hour-rem:4;"],
      [200, "user-hour-lim:5;user-hour-rem:3;"],
      [200, "user-hour-lim:5;user-hour-rem:2;"],
      [200, "user-hour-lim:5;user-hour-rem:1;"],
      [200, "user-hour-lim:5;user-hour-rem:0;"],
      [429, "user-hour-lim:5;user-hour-rem:0;"],
    ]);
  });

  it("is waited out by a pull, which says so in its progress and completes with exact counts", async () => {
    const { team, project } = await createAppStoreProject(app);
    const admin = await createUser("admin", team.id);
    const since = sandbox.requests().length;
    // Pull Changes: a first one reads every review; Pull All's screenshot requests would make it long.
    const run = await triggerJob({ type: "pull_changes", projectId: project.id, params: { pageSize: 20 }, source: { kind: "user", userId: admin.id } });

    const messages = new Set<string>();
    const done = await waitForRunEnd(run.id, (current) => current.progressMessage && messages.add(current.progressMessage));
    expect(done.status).toBe("completed");
    const live = sandbox.app(app.appId).versions.filter((version) => version.appVersionState !== "REPLACED_WITH_NEW_VERSION");
    expect(done.result).toMatchObject({ newReviews: 60, versions: 3, builds: 12 });
    expect(await prisma.appStoreReview.count({ where: { projectId: project.id } })).toBe(60);

    const statuses = sandbox.requests().slice(since).map((request) => request.status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    // 3 review pages + 1 version list + a localization list per version still in play + 1 build
    // page, however many 429s.
    expect(statuses.filter((status) => status === 200)).toHaveLength(3 + 1 + live.length + 1);
    expect([...messages].some((message) => /^Rate limited by App Store Connect, waiting \ds$/.test(message))).toBe(true);
  });
});
