// App Store Connect authentication, for real over HTTP: the sandbox checks tokens as Apple does; the
// client retries a refused request once with a freshly minted token; a key Apple keeps refusing
// fails the run with NOT_AUTHORIZED and pauses the project's lane until the key is fixed and the
// lane retried.
import { sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signingKey, mintToken } from "@/lib/appstore/token";
import { prisma } from "@/lib/db/prisma";
import { saveIntegration } from "@/lib/integrations/store";
import { getLane } from "@/lib/jobs/lanes";
import { deriveKeyPair } from "@/sandbox/appstore/keys";
import { startAppStoreSandbox, type AppStoreSandbox } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createUser } from "../helpers/fixtures";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";
import { testJobs, triggerJob } from "../helpers/test-job-types";

const app = sandboxApp("1800000001", { reviewCount: 40 });
const wrongKey = deriveKeyPair("a key App Store Connect never saw").privateKeyPem;
const NOT_AUTHORIZED = "App Store Connect 401 NOT_AUTHORIZED: Authentication credentials are missing or invalid.";
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  sandbox = await startAppStoreSandbox({ apps: [app], delayMs: 10 });
  process.env.APP_STORE_CONNECT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

async function projectWithAdmin(privateKey = app.privateKeyPem) {
  const { team, project } = await createAppStoreProject(app, privateKey);
  const admin = await createUser("admin", team.id);
  const trigger = (type: string, params?: unknown) => triggerJob({ type, projectId: project.id, params, source: { kind: "user", userId: admin.id } });
  return { project, admin, trigger };
}

describe("a 401 from App Store Connect", () => {
  it("is retried once with a freshly minted token, and the run completes", async () => {
    const { trigger } = await projectWithAdmin();
    const since = sandbox.requests().length;
    sandbox.failNextRequests(1, 401);
    const done = await waitForRunEnd((await trigger("pull_all")).id);

    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ versions: 3, localizations: 11, builds: 12, reviews: 40 });
    const [refused, retried, ...rest] = sandbox.requests().slice(since);
    expect(refused).toMatchObject({ status: 401 });
    expect(retried).toMatchObject({ method: refused!.method, path: refused!.path, status: 200 });
    expect(retried!.query.toString()).toBe(refused!.query.toString());
    expect(retried!.token).not.toBe(refused!.token);
    // The fresh token is kept for the rest of the run.
    expect(new Set(rest.map((request) => request.token))).toEqual(new Set([retried!.token]));
  });

  it("is retried only once: a second 401 fails the run with Apple's NOT_AUTHORIZED message", async () => {
    const { trigger } = await projectWithAdmin();
    const since = sandbox.requests().length;
    sandbox.failNextRequests(2, 401);
    const done = await waitForRunEnd((await trigger("pull_all")).id);

    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe(NOT_AUTHORIZED);
    const requests = sandbox.requests().slice(since);
    expect(requests.map((request) => request.status)).toEqual([401, 401]);
    expect(requests[1]!.token).not.toBe(requests[0]!.token);
  });
});

describe("a key App Store Connect refuses", () => {
  it("fails the run, pauses the lane, and after the key is fixed the lane's retry runs the queued push", async () => {
    const { project, admin, trigger } = await projectWithAdmin(wrongKey);
    const pull = await trigger("pull_changes");
    const push = await trigger("push_metadata", { locale: "en-US", promotionalText: "Spring sale: 50% off Pro" });

    const failed = await waitForRunEnd(pull.id);
    expect(failed.status).toBe("failed");
    expect(failed.errorMessage).toBe(NOT_AUTHORIZED);
    expect(failed.errorStack).toContain("AppStoreConnectError");
    // Neither the key nor a token ends up in the run.
    expect(JSON.stringify(failed)).not.toMatch(/PRIVATE KEY|eyJ[A-Za-z0-9_-]+\.eyJ/);

    expect(await getLane(project.id)).toEqual({
      paused: true,
      pausedByRunId: pull.id,
      error: { message: NOT_AUTHORIZED },
      queued: [{ id: push.id, type: "push_metadata", position: 1 }],
    });
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: push.id } })).status).toBe("pending");

    // The admin pastes the right key; the other settings stay as they were.
    await saveIntegration(project.id, "app_store_connect", { issuerId: app.issuerId, keyId: app.keyId, appId: app.appId, privateKey: app.privateKeyPem });
    const retry = await testJobs.retryLane(project.id, { userId: admin.id, apiKeyId: null });
    expect(retry.retryOfId).toBe(pull.id);
    const retried = await waitForRunEnd(retry.id);
    const pushed = await waitForRunEnd(push.id);
    expect(retried.status).toBe("completed");
    expect(pushed.status).toBe("completed");
    // The retried pull ran first, then the push, one at a time.
    expect(pushed.startedAt!.getTime()).toBeGreaterThanOrEqual(retried.finishedAt!.getTime());

    const version = sandbox.app(app.appId).versions.find((candidate) => candidate.appVersionState === "PREPARE_FOR_SUBMISSION")!;
    const english = sandbox.app(app.appId).localizations.find((candidate) => candidate.versionId === version.id && candidate.locale === "en-US")!;
    expect(english.promotionalText).toBe("Spring sale: 50% off Pro");
    expect((await getLane(project.id)).paused).toBe(false);
  });
});

describe("the sandbox checks tokens as App Store Connect does", () => {
  const key = signingKey(app.privateKeyPem);
  const now = () => Math.floor(Date.now() / 1000);
  // A token with any claims, correctly signed, to probe the sandbox's rules one at a time.
  const token = (claims: Record<string, unknown>, privateKey = key) => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${encode({ alg: "ES256", kid: app.keyId, typ: "JWT" })}.${encode(claims)}`;
    return `${unsigned}.${sign(null, Buffer.from(unsigned), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
  };
  const get = (bearer: string | null) =>
    fetch(`${sandbox.url}/v1/apps/${app.appId}/appStoreVersions`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
  const claims = () => ({ iss: app.issuerId, iat: now(), exp: now() + 600, aud: "appstoreconnect-v1" });

  it("accepts a valid token and reports the key's rolling-hour budget", async () => {
    const response = await get(mintToken(app, key, now()));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-rate-limit")).toMatch(/^user-hour-lim:3600;user-hour-rem:\d+;$/);
  });

  it("answers expired, iat-less, over-20-minute, wrong-audience, unknown-key and badly signed tokens with Apple's exact 401", async () => {
    const refused = [
      null,
      "not-a-jwt",
      token({ ...claims(), iat: now() - 1200, exp: now() - 600 }),
      token({ ...claims(), iat: undefined }),
      token({ ...claims(), exp: now() + 21 * 60 }),
      token({ ...claims(), aud: "someone-else" }),
      token({ ...claims(), iss: "another-issuer" }),
      token(claims(), signingKey(wrongKey)),
    ];
    for (const bearer of refused) {
      const response = await get(bearer);
      expect(response.status, String(bearer)).toBe(401);
      const body = (await response.json()) as { errors: Array<Record<string, unknown>> };
      expect(body.errors).toEqual([
        {
          id: expect.any(String),
          status: "401",
          code: "NOT_AUTHORIZED",
          title: "Authentication credentials are missing or invalid.",
          detail:
            "Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens",
        },
      ]);
    }
    // 20 minutes exactly is still fine.
    expect((await get(token({ ...claims(), exp: now() + 20 * 60 }))).status).toBe(200);
  });

  it("pages with an absolute links.next and meta.paging, and refuses a limit over 200", async () => {
    const bearer = mintToken(app, key, now());
    const first = await fetch(`${sandbox.url}/v1/apps/${app.appId}/customerReviews?limit=30&sort=-createdDate`, { headers: { Authorization: `Bearer ${bearer}` } });
    const page = (await first.json()) as { data: unknown[]; links: { next?: string }; meta: { paging: { total: number; limit: number } } };
    expect(page.data).toHaveLength(30);
    expect(page.meta.paging).toMatchObject({ total: 40, limit: 30 });
    expect(page.links.next).toMatch(new RegExp(`^${sandbox.url}/v1/apps/${app.appId}/customerReviews\\?.*cursor=`));
    const second = (await (await fetch(page.links.next!, { headers: { Authorization: `Bearer ${bearer}` } })).json()) as typeof page;
    expect(second.data).toHaveLength(10);
    expect(second.links.next).toBeUndefined();

    const tooMany = await fetch(`${sandbox.url}/v1/apps/${app.appId}/customerReviews?limit=201`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: Array<{ code: string; status: string }> }).errors[0]).toMatchObject({ status: "400", code: "PARAMETER_ERROR.INVALID" });
  });
});
