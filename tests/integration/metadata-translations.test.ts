// generate_metadata_translations against the App Store Connect sandbox and the AI sandbox over
// HTTP, with a real worker: translations pushed (updated and created localizations), a dry run that
// pushes nothing, Apple's limits enforced by asking again then failing the locale, a 429 waited out,
// clear refusals; and the project's AI locales setting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppStoreConnectClient, AppStoreConnectError } from "@/lib/appstore/client";
import { createLocalization } from "@/lib/appstore/api";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { saveIntegration } from "@/lib/integrations/store";
import { aiLocalesSettings, updateAiLocales } from "@/lib/translations/locales-settings";
import { demoAiProvider, startAiSandbox, type AiSandbox } from "@/sandbox/ai/server";
import { startAppStoreSandbox, type AppStoreSandbox, type SandboxAppStoreApp } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

// One sandbox app per test: pushes change an app's state for good.
const apps = {
  pushed: sandboxApp("1710000001"),
  dryRun: sandboxApp("1710000002"),
  retried: sandboxApp("1710000003"),
  overLimit: sandboxApp("1710000004"),
  rateLimited: sandboxApp("1710000005"),
  refusals: sandboxApp("1710000006"),
  allFailed: sandboxApp("1710000007"),
};
let appStore: AppStoreSandbox;
let ai: AiSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  appStore = await startAppStoreSandbox({ apps: Object.values(apps) });
  ai = await startAiSandbox({ apiKey: demoAiProvider.apiKey, models: demoAiProvider.models });
  process.env.APP_STORE_CONNECT_API_URL = appStore.url;
  process.env.AI_API_URL = ai.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, appStore, ai));

async function projectFor(app: SandboxAppStoreApp, options: { aiProvider?: boolean } = {}) {
  const { team, project } = await createAppStoreProject(app);
  if (options.aiProvider !== false) await saveIntegration(project.id, "ai_provider", { model: demoAiProvider.model, apiKey: demoAiProvider.apiKey });
  const admin = await createUser("admin", team.id);
  return { project, admin };
}

async function run(app: SandboxAppStoreApp, params: unknown, options: { aiProvider?: boolean; aiLocales?: string[] } = {}) {
  const { project, admin } = await projectFor(app, options);
  if (options.aiLocales) await updateAiLocales(project.id, { locales: options.aiLocales });
  const created = await triggerJob({ type: "generate_metadata_translations", projectId: project.id, params, source: { kind: "user", userId: admin.id } });
  return { project, runId: created.id, done: await waitForRunEnd(created.id) };
}

const editable = (app: SandboxAppStoreApp) => appStore.app(app.appId).versions.find((version) => version.appVersionState === "PREPARE_FOR_SUBMISSION")!;
const localization = (app: SandboxAppStoreApp, locale: string) => appStore.app(app.appId).localizations.find((candidate) => candidate.versionId === editable(app).id && candidate.locale === locale);
const writes = (from: number) => appStore.requests().slice(from).filter((request) => request.method === "POST" || request.method === "PATCH");
/** The chat completions asked for `locale` since `from`. */
const chats = (from: number, locale: string) =>
  ai.log.slice(from).filter((entry) => entry.path === "/v1/chat/completions" && JSON.stringify(entry.body).includes(`\\"targetLocale\\":\\"${locale}\\"`));
const stored = (runId: string) => prisma.metadataTranslation.findMany({ where: { runId }, orderBy: { locale: "asc" } });

describe("generate_metadata_translations", () => {
  it("pushes translations into the project's AI locales: updating a localization that exists, creating one that does not", async () => {
    const source = localization(apps.pushed, "en-US")!;
    const german = { ...localization(apps.pushed, "de-DE")! };
    expect(localization(apps.pushed, "it")).toBeUndefined();
    const from = appStore.requests().length;
    const { runId, done } = await run(apps.pushed, {}, { aiLocales: ["it", "de-DE"] });

    expect(done.status).toBe("completed");
    expect(done.result).toEqual({ version: "2.4.0", sourceLocale: "en-US", dryRun: false, translated: ["de-DE", "it"], failed: [] });
    expect(done.progressMessage).toBe("Pushed 2 of 2 translations of 2.4.0");
    expect(localization(apps.pushed, "de-DE")).toEqual({
      ...german,
      description: `[de-DE] ${source.description}`,
      keywords: `[de-DE] ${source.keywords}`,
      whatsNew: `[de-DE] ${source.whatsNew}`,
      promotionalText: `[de-DE] ${source.promotionalText}`,
    });
    expect(localization(apps.pushed, "it")).toMatchObject({ description: `[it] ${source.description}`, keywords: `[it] ${source.keywords}`, marketingUrl: null });
    expect(writes(from).map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      `PATCH /v1/appStoreVersionLocalizations/${german.id} 200`,
      "POST /v1/appStoreVersionLocalizations 201",
    ]);
    const rows = await stored(runId);
    expect(rows.map((row) => [row.locale, row.status, row.dryRun, row.pushedAt !== null])).toEqual([
      ["de-DE", "pushed", false, true],
      ["it", "pushed", false, true],
    ]);
    expect(rows[1]!.fields).toEqual({ description: `[it] ${source.description}`, keywords: `[it] ${source.keywords}`, whatsNew: `[it] ${source.whatsNew}`, promotionalText: `[it] ${source.promotionalText}` });
    // The local copy follows what Apple stored, the created localization included.
    expect(await prisma.appStoreLocalization.findFirst({ where: { ascId: localization(apps.pushed, "it")!.id } })).toMatchObject({ locale: "it", keywords: `[it] ${source.keywords}` });
  });

  it("in a dry run stores the proposals and pushes nothing", async () => {
    const before = structuredClone(appStore.app(apps.dryRun.appId).localizations);
    const from = appStore.requests().length;
    const { runId, done } = await run(apps.dryRun, { targetLocales: ["de-DE", "ko"], fields: ["keywords", "promotionalText"], dryRun: true });

    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ dryRun: true, translated: ["de-DE", "ko"], failed: [] });
    expect(writes(from)).toEqual([]);
    expect(appStore.app(apps.dryRun.appId).localizations).toEqual(before);
    const rows = await stored(runId);
    expect(rows.map((row) => [row.locale, row.status, row.dryRun, row.pushedAt])).toEqual([
      ["de-DE", "proposed", true, null],
      ["ko", "proposed", true, null],
    ]);
    expect(rows[1]!.fields).toEqual({ keywords: "[ko] planner,habits,tasks,reminders,focus", promotionalText: "[ko] Now with widgets!" });
  });

  it("asks again when an answer is over Apple's limits, telling the model which field by how much", async () => {
    const from = ai.log.length;
    ai.overLongNext(1);
    const { runId, done } = await run(apps.retried, { targetLocales: ["de-DE"], fields: ["keywords"] });

    expect(done.status).toBe("completed");
    const asked = chats(from, "de-DE");
    expect(asked).toHaveLength(2);
    const followUp = (asked[1]!.body as { messages: Array<{ role: string; content: string }> }).messages.at(-1)!;
    expect(followUp.content).toMatch(/^Too long for the App Store\. keywords is 1\d\d bytes \(UTF-8\), \d+ over the limit of 100: shorten it by at least \d+ bytes\./);
    expect(localization(apps.retried, "de-DE")!.keywords).toBe("[de-DE] planner,habits,tasks,reminders,focus");
    expect((await stored(runId)).map((row) => row.status)).toEqual(["pushed"]);
  });

  it("fails a locale still over a limit after asking again, with the reason, while the others are pushed", async () => {
    const from = ai.log.length;
    const german = localization(apps.overLimit, "de-DE")!.keywords;
    ai.overLongNext(2);
    const { runId, done } = await run(apps.overLimit, { targetLocales: ["de-DE", "fr-FR"], fields: ["keywords"] });

    expect(done.status).toBe("completed");
    expect(chats(from, "de-DE")).toHaveLength(2);
    expect(chats(from, "fr-FR")).toHaveLength(1);
    const reason = expect.stringMatching(/^Over Apple's limits after asking again: keywords is 1\d\d bytes \(UTF-8\), \d+ over the limit of 100$/);
    expect(done.result).toEqual({ version: "2.4.0", sourceLocale: "en-US", dryRun: false, translated: ["fr-FR"], failed: [{ locale: "de-DE", reason }] });
    expect(done.progressMessage).toBe("Pushed 1 of 2 translations of 2.4.0; 1 failed");
    expect(localization(apps.overLimit, "de-DE")!.keywords).toBe(german);
    expect(localization(apps.overLimit, "fr-FR")!.keywords).toBe("[fr-FR] planner,habits,tasks,reminders,focus");
    const rows = await stored(runId);
    expect(rows.map((row) => [row.locale, row.status, row.reason])).toEqual([
      ["de-DE", "failed", reason],
      ["fr-FR", "pushed", null],
    ]);
  });

  it("fails the run when every locale failed", async () => {
    ai.overLongNext(2);
    const { done } = await run(apps.allFailed, { targetLocales: ["de-DE"], fields: ["keywords"] });
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toMatch(/^Every locale failed: de-DE: Over Apple's limits after asking again: keywords is 1\d\d bytes/);
  });

  it("waits out a 429 from the AI provider and completes", async () => {
    const from = ai.log.length;
    ai.failNext(2, 429, 30);
    const { done } = await run(apps.rateLimited, { targetLocales: ["de-DE"], fields: ["promotionalText"] });

    expect(done.status).toBe("completed");
    expect(ai.log.slice(from).map((entry) => entry.status)).toEqual([429, 429, 200]);
    expect(localization(apps.rateLimited, "de-DE")!.promotionalText).toBe("[de-DE] Now with widgets!");
  });

  it("refuses clearly without an AI provider, and without target locales", async () => {
    const from = appStore.requests().length;
    const withoutProvider = await run(apps.refusals, { targetLocales: ["de-DE"] }, { aiProvider: false });
    expect(withoutProvider.done.status).toBe("failed");
    expect(withoutProvider.done.errorMessage).toBe("No AI provider is connected to this project: connect one under Integrations in the project's settings");
    const withoutLocales = await run(apps.refusals, {});
    expect(withoutLocales.done.status).toBe("failed");
    expect(withoutLocales.done.errorMessage).toBe("No target locales: name targetLocales, or choose the project's AI locales in project settings");
    expect(writes(from)).toEqual([]);
  });
});

describe("the App Store Connect sandbox", () => {
  it("creates a localization once per locale: a duplicate is a 409 ENTITY_ERROR", async () => {
    const app = apps.refusals;
    const client = new AppStoreConnectClient({ baseUrl: appStore.url, credentials: { issuerId: app.issuerId, keyId: app.keyId, privateKey: app.privateKeyPem } });
    const created = await createLocalization(client, editable(app).id, "pt-BR", { keywords: "planejador" });
    expect(created.attributes).toMatchObject({ locale: "pt-BR", keywords: "planejador", description: null });
    const duplicate = await createLocalization(client, editable(app).id, "pt-BR", { keywords: "outro" }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(AppStoreConnectError);
    expect(duplicate).toMatchObject({ status: 409, code: "ENTITY_ERROR" });
  });
});

describe("a project's AI locales", () => {
  it("take App Store Connect locale codes and refuse anything else, writing nothing", async () => {
    const { project } = await projectFor(apps.refusals, { aiProvider: false });
    expect((await updateAiLocales(project.id, { locales: ["ja", "de-DE"] })).locales).toEqual(["de-DE", "ja"]);
    const refused = (await updateAiLocales(project.id, { locales: ["fr-FR", "ja-JP"] }).catch((error: unknown) => error)) as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.status).toBe(400);
    expect(refused.issues).toEqual([{ path: "locales.1", message: expect.stringContaining('"ja-JP" is not an App Store Connect locale') }]);
    expect((await aiLocalesSettings(project.id)).locales).toEqual(["de-DE", "ja"]);
  });
});
