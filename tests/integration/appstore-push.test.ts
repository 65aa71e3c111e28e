// push_metadata, push_review and push_build against the App Store Connect sandbox over HTTP, with a
// real worker: each changes the sandbox's state and the project's local copy; params Apple would
// refuse never make a run; App Store Connect's own refusals fail the run with Apple's message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { AppStoreConnectClient, AppStoreConnectError } from "@/lib/appstore/client";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { startAppStoreSandbox, type AppStoreSandbox, type SandboxAppStoreApp } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createUser } from "../helpers/fixtures";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";
import { triggerJob } from "../helpers/test-job-types";

// One sandbox app per test: pushes change an app's state for good.
const apps = {
  metadata: sandboxApp("1700000001"),
  liveVersion: sandboxApp("1700000002"),
  review: sandboxApp("1700000003"),
  build: sandboxApp("1700000004"),
  processingBuild: sandboxApp("1700000005"),
};
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  sandbox = await startAppStoreSandbox({ apps: Object.values(apps), delayMs: 10 });
  process.env.APP_STORE_CONNECT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

async function run(app: SandboxAppStoreApp, type: string, params: unknown) {
  const { team, project } = await createAppStoreProject(app);
  const admin = await createUser("admin", team.id);
  const created = await triggerJob({ type, projectId: project.id, params, source: { kind: "user", userId: admin.id } });
  return { project, admin, done: await waitForRunEnd(created.id) };
}

const clientFor = (app: SandboxAppStoreApp) =>
  new AppStoreConnectClient({ baseUrl: sandbox.url, credentials: { issuerId: app.issuerId, keyId: app.keyId, privateKey: app.privateKeyPem } });
const editable = (app: SandboxAppStoreApp) => sandbox.app(app.appId).versions.find((version) => version.appVersionState === "PREPARE_FOR_SUBMISSION")!;
const localization = (app: SandboxAppStoreApp, versionId: string, locale: string) =>
  sandbox.app(app.appId).localizations.find((candidate) => candidate.versionId === versionId && candidate.locale === locale)!;

describe("push_metadata", () => {
  it("changes the editable version's localization in App Store Connect and in the local copy", async () => {
    const version = editable(apps.metadata);
    const before = { ...localization(apps.metadata, version.id, "de-DE") };
    const { project, done } = await run(apps.metadata, "push_metadata", { locale: "de-DE", keywords: "planer,widgets,fokus", whatsNew: "Neu: Widgets." });

    expect(done.status).toBe("completed");
    expect(done.result).toEqual({ version: "2.4.0", locale: "de-DE", localizationId: before.id, updated: ["keywords", "whatsNew"] });
    expect(done.progressMessage).toBe("Updated Keywords and What's New of 2.4.0 (de-DE)");
    expect(localization(apps.metadata, version.id, "de-DE")).toEqual({ ...before, keywords: "planer,widgets,fokus", whatsNew: "Neu: Widgets." });
    const local = await prisma.appStoreLocalization.findFirstOrThrow({ where: { projectId: project.id, ascId: before.id }, include: { version: true } });
    expect(local).toMatchObject({ locale: "de-DE", keywords: "planer,widgets,fokus", whatsNew: "Neu: Widgets.", description: before.description });
    expect(local.version).toMatchObject({ ascId: version.id, versionString: "2.4.0", appVersionState: "PREPARE_FOR_SUBMISSION" });
  });

  it("refuses params Apple would refuse (400 invalid_params), writing nothing", async () => {
    const { team, project } = await createAppStoreProject(apps.metadata);
    const admin = await createUser("admin", team.id);
    const count = async () => [await prisma.jobRun.count(), Number((await getPool().query("SELECT count(*) FROM pgboss.job")).rows[0].count)];
    const before = await count();
    const attempts: Array<[unknown, string]> = [
      [{ locale: "en-US", keywords: "k".repeat(101) }, "params.keywords"],
      [{ locale: "en-US", promotionalText: "p".repeat(171) }, "params.promotionalText"],
      [{ locale: "en-US", description: "d".repeat(4001) }, "params.description"],
      [{ locale: "en-US" }, "params"],
      [{ keywords: "a" }, "params.locale"],
      [{ locale: "en-US", keywords: "a", surprise: true }, "params"],
      [{ locale: "en-US", supportUrl: "not a url" }, "params.supportUrl"],
    ];
    for (const [params, path] of attempts) {
      const error = (await triggerJob({ type: "push_metadata", projectId: project.id, params, source: { kind: "user", userId: admin.id } }).catch((caught: unknown) => caught)) as AppError;
      expect(error, JSON.stringify(params)).toBeInstanceOf(AppError);
      expect(error.code).toBe("invalid_params");
      expect(error.status).toBe(400);
      expect(error.issues?.map((issue) => issue.path)).toContain(path);
    }
    const keywords = (await triggerJob({ type: "push_metadata", projectId: project.id, params: attempts[0]![0], source: { kind: "user", userId: admin.id } }).catch((caught: unknown) => caught)) as AppError;
    expect(keywords.issues).toEqual([{ path: "params.keywords", message: "Keywords must be at most 100 characters" }]);
    expect(await count()).toEqual(before);

    // App Store Connect itself (the sandbox) refuses the same keywords.
    const target = localization(apps.metadata, editable(apps.metadata).id, "en-US");
    const refusal = await clientFor(apps.metadata)
      .patch(`/v1/appStoreVersionLocalizations/${target.id}`, { data: { type: "appStoreVersionLocalizations", id: target.id, attributes: { keywords: "k".repeat(101) } } })
      .catch((caught: unknown) => caught);
    expect(refusal).toMatchObject({ status: 409, code: "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG" });
    expect(target.keywords).not.toHaveLength(101);
  });

  it("fails with App Store Connect's message when the version is no longer editable, changing nothing", async () => {
    const live = sandbox.app(apps.liveVersion.appId).versions.find((version) => version.versionString === "2.3.0")!;
    const before = { ...localization(apps.liveVersion, live.id, "en-US") };
    const { project, done } = await run(apps.liveVersion, "push_metadata", { locale: "en-US", version: "2.3.0", keywords: "too,late" });

    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe(
      "App Store Connect 409 STATE_ERROR: The request cannot be fulfilled because of the state of another resource. The attribute 'keywords' cannot be edited because version 2.3.0 is in state READY_FOR_DISTRIBUTION.",
    );
    expect(localization(apps.liveVersion, live.id, "en-US")).toEqual(before);
    expect(await prisma.appStoreLocalization.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("push_review", () => {
  it("sends the response, stores it PENDING_PUBLISH, and pull_changes later sees it PUBLISHED", async () => {
    const review = sandbox.app(apps.review.appId).reviews.find((candidate) => candidate.responseId === null)!;
    const responseBody = "Thanks for the report! 2.4.0 fixes the widget.";
    const { project, admin, done } = await run(apps.review, "push_review", { reviewId: review.id, responseBody });

    expect(done.status).toBe("completed");
    const response = sandbox.app(apps.review.appId).responses.get(review.responseId!)!;
    expect(response).toMatchObject({ reviewId: review.id, responseBody });
    expect(done.result).toEqual({ reviewId: review.id, responseId: response.id, state: "PENDING_PUBLISH" });
    // The review was not pulled yet: it is stored with its response.
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { projectId: project.id, externalId: review.id } })).toMatchObject({
      rating: review.rating,
      responseAscId: response.id,
      responseBody,
      responseState: "PENDING_PUBLISH",
    });

    sandbox.publishResponses();
    const pull = await triggerJob({ type: "pull_changes", projectId: project.id, source: { kind: "user", userId: admin.id } });
    const pulled = await waitForRunEnd(pull.id);
    expect(pulled.status).toBe("completed");
    expect(pulled.result).toMatchObject({ responsesPublished: 1 });
    expect(await prisma.appStoreReview.findFirstOrThrow({ where: { projectId: project.id, externalId: review.id } })).toMatchObject({ responseState: "PUBLISHED" });
  });

  it("fails with App Store Connect's 404 for an unknown review", async () => {
    const { done } = await run(apps.review, "push_review", { reviewId: "no-such-review", responseBody: "Hello" });
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe("App Store Connect 404 NOT_FOUND: The specified resource does not exist. There is no resource of type 'customerReviews' with id 'no-such-review'");
  });
});

describe("push_build", () => {
  it("attaches a VALID build to the editable version and submits it for review", async () => {
    const version = editable(apps.build);
    const build = sandbox.app(apps.build.appId).builds.find((candidate) => candidate.version === "112")!;
    const since = sandbox.requests().length;
    const { project, done } = await run(apps.build, "push_build", { buildNumber: 112, submitForReview: true });

    expect(done.status).toBe("completed");
    const [submission] = sandbox.app(apps.build.appId).submissions;
    expect(done.result).toEqual({ version: "2.4.0", buildNumber: "112", attached: true, submitted: true, reviewSubmissionId: submission!.id, submissionState: "WAITING_FOR_REVIEW" });
    expect(version).toMatchObject({ buildId: build.id, appVersionState: "WAITING_FOR_REVIEW" });
    expect(submission).toMatchObject({ state: "WAITING_FOR_REVIEW", versionIds: [version.id] });
    expect(
      sandbox
        .requests()
        .slice(since)
        .filter((request) => request.method !== "GET")
        .map((request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}/g, ":id")} ${request.status}`),
    ).toEqual([
      "PATCH /v1/appStoreVersions/:id/relationships/build 204",
      "POST /v1/reviewSubmissions 201",
      "POST /v1/reviewSubmissionItems 201",
      "PATCH /v1/reviewSubmissions/:id 200",
    ]);
    expect(await prisma.appStoreVersion.findFirstOrThrow({ where: { projectId: project.id, ascId: version.id } })).toMatchObject({
      buildAscId: build.id,
      appVersionState: "WAITING_FOR_REVIEW",
    });
  });

  it("refuses a build that is not VALID, and so does App Store Connect", async () => {
    const version = editable(apps.processingBuild);
    const { project, done } = await run(apps.processingBuild, "push_build", { buildNumber: "111", submitForReview: true });
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe("Build 111 is PROCESSING; only a VALID build can be attached to a version");
    expect(version.buildId).toBeNull();
    expect(sandbox.app(apps.processingBuild.appId).submissions).toEqual([]);

    // Asked directly, the sandbox answers as App Store Connect does.
    const client = clientFor(apps.processingBuild);
    const processing = sandbox.app(apps.processingBuild.appId).builds.find((build) => build.version === "111")!;
    const refusal = await client
      .patch(`/v1/appStoreVersions/${version.id}/relationships/build`, { data: { type: "builds", id: processing.id } })
      .catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(AppStoreConnectError);
    expect(refusal).toMatchObject({ status: 409, code: "STATE_ERROR" });
    expect(version.buildId).toBeNull();
    expect(await prisma.appStoreBuild.findFirstOrThrow({ where: { projectId: project.id, ascId: processing.id } })).toMatchObject({ processingState: "PROCESSING" });
  });
});
