// A project's integrations (PRODUCT.md "Integrations"): each vendor connected, tested against its
// sandbox (a wrong credential is a readable failure), edited and disconnected; credentials sealed
// at rest, in no table in plain text; connecting App Store Connect queues Pull All.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { checkIntegration } from "@/lib/integrations/checks";
import { connectIntegration, disconnectIntegration } from "@/lib/integrations/connect";
import { listIntegrations, openIntegration, saveIntegration } from "@/lib/integrations/store";
import { createWebhook } from "@/lib/notify/webhooks";
import { demoAiProvider } from "@/sandbox/ai/server";
import { demoAdsAccount } from "@/sandbox/appleads/server";
import { deriveKeyPair } from "@/sandbox/appstore/keys";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import { listen } from "@/sandbox/http";
import { startSandboxes, type RunningSandboxes } from "@/sandbox/registry";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";
import { createProject, createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes } from "../helpers/test-job-types";

let sandboxes: RunningSandboxes;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  // Read by the env module on first use, which comes after this.
  Object.assign(process.env, sandboxes.env);
  await setUpTestJobTypes();
});

afterAll(() => releaseAll(sandboxes));

const otherKey = deriveKeyPair("a key nobody registered").privateKeyPem;
const adsConfig = { clientId: demoAdsAccount.clientId, teamId: demoAdsAccount.teamId, keyId: demoAdsAccount.keyId, orgId: String(demoAdsAccount.orgs[0]!.orgId) };
const asc = { issuerId: demoAppStoreProject.issuerId, keyId: demoAppStoreProject.keyId, appId: demoAppStoreProject.appId };

describe("connection checks", () => {
  it("say what is wrong with a wrong credential, and pass with the right one", async () => {
    const { project } = await createProject();
    const cases = [
      {
        kind: "revenuecat" as const,
        wrong: { revenuecatProjectId: demoRevenueCatProject.projectId, apiKey: "sk_not_the_key" },
        failure: "RevenueCat 401 authentication_error: Invalid API key",
        right: { revenuecatProjectId: demoRevenueCatProject.projectId, apiKey: demoRevenueCatProject.apiKey },
        success: `RevenueCat accepted the key for project ${demoRevenueCatProject.projectId}`,
      },
      {
        kind: "app_store_connect" as const,
        wrong: { ...asc, privateKey: otherKey },
        failure: "App Store Connect 401 NOT_AUTHORIZED: Authentication credentials are missing or invalid.",
        right: { ...asc, privateKey: demoAppStoreProject.privateKeyPem },
        success: `App Store Connect accepted the key for app ${asc.appId}`,
      },
      {
        kind: "apple_ads" as const,
        wrong: { ...adsConfig, privateKey: otherKey },
        failure: "Apple Ads 400 invalid_client: Apple refused the client credentials (check the client id, team id, key id and private key)",
        right: { ...adsConfig, privateKey: demoAdsAccount.privateKeyPem },
        success: "Apple Ads accepted the credentials for Acme Apps (40669820)",
      },
      {
        kind: "ai_provider" as const,
        wrong: { model: demoAiProvider.model, apiKey: "sk-not-the-key" },
        failure: "AI provider 401 invalid_api_key: Incorrect API key provided.",
        right: { model: demoAiProvider.model, apiKey: demoAiProvider.apiKey },
        success: `The AI provider at ${new URL(sandboxes.env.AI_API_URL!).host} answered; model ${demoAiProvider.model} is available`,
      },
    ];
    for (const { kind, wrong, failure, right, success } of cases) {
      await saveIntegration(project.id, kind, wrong);
      const refused = await checkIntegration(project.id, kind);
      expect(refused.result, kind).toEqual({ ok: false, message: failure });
      expect(refused.integration).toMatchObject({ status: "failed", checkMessage: failure });
      await saveIntegration(project.id, kind, right);
      const accepted = await checkIntegration(project.id, kind);
      expect(accepted.result, kind).toEqual({ ok: true, message: success });
      expect(accepted.integration.status).toBe("ok");
    }
  });

  it("tell credentials that work for the wrong organization or model apart from wrong credentials", async () => {
    const { project } = await createProject();
    await saveIntegration(project.id, "apple_ads", { ...adsConfig, orgId: "123", privateKey: demoAdsAccount.privateKeyPem });
    expect((await checkIntegration(project.id, "apple_ads")).result.message).toBe("The credentials work, but not for organization 123; they reach Acme Apps (40669820)");
    await saveIntegration(project.id, "ai_provider", { model: "gpt-9", apiKey: demoAiProvider.apiKey });
    expect((await checkIntegration(project.id, "ai_provider")).result.message).toBe(`The AI provider answered, but has no model gpt-9 (it has ${demoAiProvider.models.join(", ")})`);
  });
});

describe("an AI provider's base URL", () => {
  it("is not followed when it redirects (it could lead into the server's network), and refuses credentials in it", async () => {
    const { project } = await createProject();
    const ai = new URL(sandboxes.env.AI_API_URL!);
    const redirector = await listen((_req, res) => {
      res.writeHead(302, { Location: `${ai.origin}/v1/models` });
      res.end();
    });
    try {
      await saveIntegration(project.id, "ai_provider", { baseUrl: `${redirector.origin}/v1`, model: demoAiProvider.model, apiKey: demoAiProvider.apiKey });
      const { result } = await checkIntegration(project.id, "ai_provider");
      expect(result).toEqual({ ok: false, message: expect.stringContaining("redirected to") });
    } finally {
      await redirector.close();
    }
    await expect(saveIntegration(project.id, "ai_provider", { baseUrl: "https://user:sk-secret@api.example.com/v1", model: "m" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: "baseUrl", message: expect.stringContaining("must not contain a user name or password") })],
    });
  });
});

describe("credentials", () => {
  it("are in no table in plain text once each vendor is connected and a webhook made", async () => {
    const { project } = await createProject();
    const secrets = {
      revenuecat: "sk_plaintextcanary_revenuecat",
      ai: "sk-plaintextcanary-ai",
    };
    await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: "proj_canary", apiKey: secrets.revenuecat });
    await saveIntegration(project.id, "app_store_connect", { ...asc, privateKey: demoAppStoreProject.privateKeyPem });
    await saveIntegration(project.id, "apple_ads", { ...adsConfig, privateKey: demoAdsAccount.privateKeyPem });
    await saveIntegration(project.id, "ai_provider", { model: "m", apiKey: secrets.ai });
    const { secret: webhookSecret } = await createWebhook(project.teamId, { url: "https://hooks.example.com/taskdeck", types: ["issue.new"] }, null);
    // The private keys' bodies, without their PEM armour, are what would give them away.
    const needles = [secrets.revenuecat, secrets.ai, webhookSecret, ...[demoAppStoreProject.privateKeyPem, demoAdsAccount.privateKeyPem].map((pem) => pem.split("\n")[1]!)];
    const { rows: columns } = await getPool().query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema IN ('public', 'pgboss') AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    for (const { table, column } of columns) {
      const schema = (await getPool().query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.columns WHERE table_name = $1 AND column_name = $2 LIMIT 1`, [table, column])).rows[0]!.schema;
      for (const needle of needles) {
        const { rows } = await getPool().query(`SELECT 1 FROM "${schema}"."${table}" WHERE "${column}"::text LIKE $1 LIMIT 1`, [`%${needle}%`]);
        expect(rows, `${schema}.${table}.${column} holds a secret in plain text`).toEqual([]);
      }
    }
    // And they open again for the jobs that need them.
    expect((await openIntegration(project.id, "revenuecat"))?.secrets.apiKey).toBe(secrets.revenuecat);
  });

  it("are never in what pages and the CLI are given: a hint instead", async () => {
    const { project } = await createProject();
    await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: "proj_hint", apiKey: "sk_hint_secret_1234" });
    await saveIntegration(project.id, "app_store_connect", { ...asc, privateKey: demoAppStoreProject.privateKeyPem });
    const views = await listIntegrations(project.id);
    expect(JSON.stringify(views)).not.toMatch(/sk_hint_secret|PRIVATE KEY/);
    expect(views.find((view) => view.kind === "revenuecat")).toMatchObject({ connected: true, secretHint: "…1234", config: { revenuecatProjectId: "proj_hint" } });
    expect(views.find((view) => view.kind === "app_store_connect")).toMatchObject({ secretHint: `key ${asc.keyId}` });
    expect(views.find((view) => view.kind === "apple_ads")).toMatchObject({ connected: false, secretHint: null });
  });
});

describe("settings", () => {
  it("keep the stored secret when an edit leaves it blank, and refuse bad settings writing nothing", async () => {
    const { project } = await createProject();
    await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: "proj_one", apiKey: "sk_keep_me_please" });
    await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: "proj_two", apiKey: "" });
    expect(await openIntegration(project.id, "revenuecat")).toEqual({ config: { revenuecatProjectId: "proj_two" }, secrets: { apiKey: "sk_keep_me_please" } });

    const before = await prisma.integration.findUniqueOrThrow({ where: { projectId_kind: { projectId: project.id, kind: "revenuecat" } } });
    const refusals: Array<[string, unknown, string, string]> = [
      ["revenuecat", { revenuecatProjectId: "proj", apiKey: "pk_public_key" }, "apiKey", "apiKey must be a v2 secret key (sk_…) or an OAuth token (atk_…)"],
      ["revenuecat", { revenuecatProjectId: "proj", colour: "blue" }, "colour", "not a setting of this integration"],
      ["app_store_connect", { ...asc, privateKey: "not a key" }, "privateKey", "privateKey must be a PEM private key (the contents of the .p8 or .pem file)"],
      ["apple_ads", { ...adsConfig, clientId: "nope", privateKey: demoAdsAccount.privateKeyPem }, "clientId", "clientId looks like SEARCHADS.27bbc0f5-1234-4f8e-9b1e-0123456789ab"],
      ["ai_provider", { model: "m", baseUrl: "ftp://models.example.com" }, "baseUrl", "baseUrl must be an http(s) URL such as https://api.openai.com/v1"],
    ];
    for (const [kind, input, path, message] of refusals) {
      const error = (await saveIntegration(project.id, kind as never, input).catch((caught: unknown) => caught)) as AppError;
      expect(error, `${kind} ${path}`).toBeInstanceOf(AppError);
      expect([error.status, error.issues?.find((issue) => issue.path === path)?.message]).toEqual([400, message]);
    }
    expect(await prisma.integration.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
    expect(await prisma.integration.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("connecting App Store Connect queues Pull All, again only for another app; disconnecting deletes the credentials", async () => {
    const { team, project } = await createProject();
    const admin = await createUser("admin", team.id);
    const by = { userId: admin.id, source: { kind: "user" as const, userId: admin.id } };
    const first = await connectIntegration(project.id, "app_store_connect", { ...asc, privateKey: demoAppStoreProject.privateKeyPem }, by);
    expect(first.pullAll).toMatchObject({ type: "pull_all", projectId: project.id, triggerKind: "user" });
    const edited = await connectIntegration(project.id, "app_store_connect", { ...asc, privateKey: "" }, by);
    expect(edited.pullAll).toBeNull();
    await prisma.jobRun.updateMany({ where: { projectId: project.id }, data: { status: "completed" } });
    const otherApp = await connectIntegration(project.id, "app_store_connect", { ...asc, appId: "1500000002", privateKey: "" }, by);
    expect(otherApp.pullAll?.type).toBe("pull_all");

    await disconnectIntegration(project.id, "app_store_connect");
    expect(await prisma.integration.count({ where: { projectId: project.id } })).toBe(0);
    expect((await disconnectIntegration(project.id, "app_store_connect").catch((caught: unknown) => caught)) as AppError).toMatchObject({ status: 404 });
  });
});
