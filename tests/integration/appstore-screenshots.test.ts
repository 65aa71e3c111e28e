// pull_all's screenshot step against the App Store Connect sandbox over HTTP, with a real worker:
// every localization's sets and screenshots exactly as the sandbox lists them (fields and order),
// a second pull that changes rows in place, and screenshots, sets and localizations removed in App
// Store Connect disappearing locally. Also the sandbox's own paging and 404s for these endpoints.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listScreenshotSets } from "@/lib/appstore/api";
import { AppStoreConnectClient, AppStoreConnectError } from "@/lib/appstore/client";
import type { AppScreenshot } from "@/lib/appstore/types";
import { prisma } from "@/lib/db/prisma";
import { generateAppStoreApp, type SandboxAppData, type SandboxScreenshot } from "@/sandbox/appstore/data";
import { startAppStoreSandbox, type AppStoreSandbox, type SandboxAppStoreApp } from "@/sandbox/appstore/server";
import type { RunningWorker } from "@/worker/worker";
import { createAppStoreProject, sandboxApp, waitForRunEnd } from "../helpers/appstore";
import { createUser } from "../helpers/fixtures";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";
import { triggerJob } from "../helpers/test-job-types";

// Few reviews: this file is about screenshots, and the review step only has to get through.
const galleryApp = sandboxApp("1700000001", { reviewCount: 3, seed: 21 });
const trimmedApp = sandboxApp("1700000002", { reviewCount: 3, seed: 22 });
const droppedLocaleApp = sandboxApp("1700000003", { reviewCount: 3, seed: 23 });
let sandbox: AppStoreSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  sandbox = await startAppStoreSandbox({ apps: [galleryApp, trimmedApp, droppedLocaleApp] });
  process.env.APP_STORE_CONNECT_API_URL = sandbox.url;
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

async function pullAll(projectId: string, teamId: string) {
  const admin = await createUser("admin", teamId);
  const run = await triggerJob({ type: "pull_all", projectId, params: { pageSize: 50 }, source: { kind: "user", userId: admin.id } });
  return waitForRunEnd(run.id);
}

// One comparable shape for both sides, sets in ascId order (the table has no set order) and
// screenshots in position order. JavaScript sorts, so PostgreSQL's collation does not matter.
interface StoredSet {
  localization: string;
  ascId: string;
  displayType: string;
  screenshots: Array<{ ascId: string; position: number; fileName: string | null; fileSize: number | null; width: number | null; height: number | null; templateUrl: string | null; checksum: string | null; deliveryState: string | null }>;
}
const byAscId = (a: { ascId: string }, b: { ascId: string }) => (a.ascId < b.ascId ? -1 : a.ascId > b.ascId ? 1 : 0);

async function storedScreenshots(projectId: string): Promise<StoredSet[]> {
  const sets = await prisma.appStoreScreenshotSet.findMany({
    where: { projectId },
    include: { localization: { select: { ascId: true } }, screenshots: { orderBy: { position: "asc" } } },
  });
  return sets
    .map((set) => ({
      localization: set.localization.ascId,
      ascId: set.ascId,
      displayType: set.displayType,
      screenshots: set.screenshots.map(({ ascId, position, fileName, fileSize, width, height, templateUrl, checksum, deliveryState }) => ({
        ascId, position, fileName, fileSize, width, height, templateUrl, checksum, deliveryState,
      })),
    }))
    .sort(byAscId);
}

// What App Store Connect lists: the sets of localizations it still has, screenshots in its order.
function sandboxScreenshots(app: SandboxAppData): StoredSet[] {
  const localizations = new Set(app.localizations.map((localization) => localization.id));
  const shape = (screenshot: SandboxScreenshot, position: number) => ({
    ascId: screenshot.id,
    position,
    fileName: screenshot.fileName,
    fileSize: screenshot.fileSize,
    width: screenshot.imageAsset?.width ?? null,
    height: screenshot.imageAsset?.height ?? null,
    templateUrl: screenshot.imageAsset?.templateUrl ?? null,
    checksum: screenshot.sourceFileChecksum,
    deliveryState: screenshot.assetDeliveryState?.state ?? null,
  });
  return app.screenshotSets
    .filter((set) => localizations.has(set.localizationId))
    .map((set) => ({
      localization: set.localizationId,
      ascId: set.id,
      displayType: set.screenshotDisplayType,
      screenshots: app.screenshots.filter((screenshot) => screenshot.setId === set.id).map(shape),
    }))
    .sort(byAscId);
}

const screenshotCount = (sets: StoredSet[]) => sets.reduce((sum, set) => sum + set.screenshots.length, 0);

describe("pull_all screenshots", () => {
  it("stores every localization's screenshot sets and screenshots as App Store Connect lists them, with counts in the result", async () => {
    const { team, project } = await createAppStoreProject(galleryApp);
    const app = sandbox.app(galleryApp.appId);
    // The fixture: every localization has 2–3 sets of 3–6 screenshots.
    for (const localization of app.localizations) {
      const sets = app.screenshotSets.filter((set) => set.localizationId === localization.id);
      expect(sets.length).toBeGreaterThanOrEqual(2);
      expect(sets.length).toBeLessThanOrEqual(3);
      for (const set of sets) expect([3, 4, 5, 6]).toContain(app.screenshots.filter((screenshot) => screenshot.setId === set.id).length);
    }

    const done = await pullAll(project.id, team.id);
    const expected = sandboxScreenshots(app);
    const stored = await storedScreenshots(project.id);
    expect(stored).toEqual(expected);
    expect(stored).toHaveLength(app.screenshotSets.length);
    expect(screenshotCount(stored)).toBe(app.screenshots.length);
    expect(new Set(stored.map((set) => set.localization))).toEqual(new Set(app.localizations.map((localization) => localization.id)));
    for (const set of stored) expect(set.screenshots.map((screenshot) => screenshot.position)).toEqual(set.screenshots.map((_, index) => index));

    // A few values spelled out, so the comparison above cannot agree with a wrong mapping.
    const first = app.screenshots.find((screenshot) => screenshot.setId === app.screenshotSets[0]!.id)!;
    expect(await prisma.appStoreScreenshot.findFirstOrThrow({ where: { projectId: project.id, ascId: first.id }, include: { set: true } })).toMatchObject({
      position: 0,
      fileName: first.fileName,
      fileSize: first.fileSize,
      width: 1290,
      height: 2796,
      templateUrl: first.imageAsset!.templateUrl,
      checksum: first.sourceFileChecksum,
      deliveryState: "COMPLETE",
      set: { displayType: "APP_IPHONE_67" },
    });
    expect(first.imageAsset!.templateUrl).toMatch(/^https:\/\/is1-ssl\.mzstatic\.com\/image\/thumb\/.+\/\{w\}x\{h\}bb\.\{f\}$/);
    // Still processing in App Store Connect: no image yet, so no size or URL.
    const uploading = app.screenshots.find((screenshot) => screenshot.imageAsset === null)!;
    expect(await prisma.appStoreScreenshot.findFirstOrThrow({ where: { projectId: project.id, ascId: uploading.id } })).toMatchObject({
      width: null,
      height: null,
      templateUrl: null,
      deliveryState: "UPLOAD_COMPLETE",
      fileName: uploading.fileName,
    });

    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ versions: 3, localizations: 11, builds: 12, screenshotSets: app.screenshotSets.length, screenshots: app.screenshots.length });
    expect(done.progressMessage).toContain(`12 builds, ${app.screenshotSets.length} screenshot sets, ${app.screenshots.length} screenshots and `);
  });

  it("changes rows in place when pulled again, without duplicates", async () => {
    const { team, project } = await createAppStoreProject(galleryApp);
    expect((await pullAll(project.id, team.id)).status).toBe("completed");
    const rowIds = async () => (await prisma.appStoreScreenshot.findMany({ where: { projectId: project.id }, select: { id: true } })).map((row) => row.id).sort();
    const setIds = async () => (await prisma.appStoreScreenshotSet.findMany({ where: { projectId: project.id }, select: { id: true } })).map((row) => row.id).sort();
    const [screenshotsBefore, setsBefore] = [await rowIds(), await setIds()];

    const again = await pullAll(project.id, team.id);
    expect(await storedScreenshots(project.id)).toEqual(sandboxScreenshots(sandbox.app(galleryApp.appId)));
    expect(await rowIds()).toEqual(screenshotsBefore);
    expect(await setIds()).toEqual(setsBefore);
    expect(again.status).toBe("completed");
    expect(again.result).toMatchObject({ screenshotSets: setsBefore.length, screenshots: screenshotsBefore.length });
  });

  it("removes screenshots and sets that App Store Connect no longer lists, renumbering what is left", async () => {
    const { team, project } = await createAppStoreProject(trimmedApp);
    expect((await pullAll(project.id, team.id)).status).toBe("completed");
    const app = sandbox.app(trimmedApp.appId);
    const [trimmedSet, droppedSet] = [app.screenshotSets[0]!, app.screenshotSets.at(-1)!];
    const inTrimmedSet = app.screenshots.filter((screenshot) => screenshot.setId === trimmedSet.id);
    const removed = inTrimmedSet[1]!;
    const droppedScreenshots = app.screenshots.filter((screenshot) => screenshot.setId === droppedSet.id).map((screenshot) => screenshot.id);
    app.screenshots = app.screenshots.filter((screenshot) => screenshot !== removed && screenshot.setId !== droppedSet.id);
    app.screenshotSets = app.screenshotSets.filter((set) => set !== droppedSet);
    expect(await prisma.appStoreScreenshot.count({ where: { projectId: project.id, ascId: { in: [removed.id, ...droppedScreenshots] } } })).toBe(1 + droppedScreenshots.length);

    const done = await pullAll(project.id, team.id);
    expect(await prisma.appStoreScreenshot.count({ where: { projectId: project.id, ascId: removed.id } })).toBe(0);
    expect(await prisma.appStoreScreenshotSet.count({ where: { projectId: project.id, ascId: droppedSet.id } })).toBe(0);
    expect(await prisma.appStoreScreenshot.count({ where: { projectId: project.id, ascId: { in: droppedScreenshots } } })).toBe(0);
    const trimmed = await prisma.appStoreScreenshot.findMany({ where: { projectId: project.id, set: { ascId: trimmedSet.id } }, orderBy: { position: "asc" } });
    expect(trimmed.map((row) => [row.ascId, row.position])).toEqual(inTrimmedSet.filter((screenshot) => screenshot !== removed).map((screenshot, index) => [screenshot.id, index]));
    expect(await storedScreenshots(project.id)).toEqual(sandboxScreenshots(app));
    expect(done.status).toBe("completed");
    expect(done.result).toMatchObject({ screenshotSets: app.screenshotSets.length, screenshots: app.screenshots.length });
  });

  it("drops the screenshots of a localization deleted in App Store Connect and still completes", async () => {
    const { team, project } = await createAppStoreProject(droppedLocaleApp);
    expect((await pullAll(project.id, team.id)).status).toBe("completed");
    const app = sandbox.app(droppedLocaleApp.appId);
    const gone = app.localizations.at(-1)!;
    app.localizations.splice(app.localizations.indexOf(gone), 1);
    const where = { projectId: project.id, localization: { ascId: gone.id } };
    expect(await prisma.appStoreScreenshotSet.count({ where })).toBeGreaterThan(0);

    // The local localization row stays (pulls do not delete localizations); its sets answer 404.
    const done = await pullAll(project.id, team.id);
    expect(done.status).toBe("completed");
    expect(await prisma.appStoreLocalization.count({ where: { projectId: project.id, ascId: gone.id } })).toBe(1);
    expect(await prisma.appStoreScreenshotSet.count({ where })).toBe(0);
    expect(await storedScreenshots(project.id)).toEqual(sandboxScreenshots(app));
  });
});

describe("sandbox screenshot endpoints", () => {
  const clientFor = (app: SandboxAppStoreApp) =>
    new AppStoreConnectClient({ baseUrl: sandbox.url, credentials: { issuerId: app.issuerId, keyId: app.keyId, privateKey: app.privateKeyPem } });

  it("gives the same screenshots for the same seed", () => {
    const once = generateAppStoreApp("1799999999", { seed: 5, reviewCount: 0 });
    const twice = generateAppStoreApp("1799999999", { seed: 5, reviewCount: 10 });
    expect(twice.screenshotSets).toEqual(once.screenshotSets);
    expect(twice.screenshots).toEqual(once.screenshots);
    expect(generateAppStoreApp("1799999999", { seed: 6 }).screenshots).not.toEqual(once.screenshots);
  });

  it("pages screenshots in display order through links.next, filters sets by display type and refuses a limit over 200", async () => {
    const client = clientFor(galleryApp);
    const app = sandbox.app(galleryApp.appId);
    const set = app.screenshotSets[0]!;
    const pages: string[][] = [];
    for await (const page of client.pages<AppScreenshot>(`/v1/appScreenshotSets/${set.id}/appScreenshots`, { limit: 2 })) pages.push(page.data.map((screenshot) => screenshot.id));
    const inOrder = app.screenshots.filter((screenshot) => screenshot.setId === set.id).map((screenshot) => screenshot.id);
    expect(pages.flat()).toEqual(inOrder);
    expect(pages).toHaveLength(Math.ceil(inOrder.length / 2));

    const iphone67 = await client.get<{ data: Array<{ id: string; attributes: { screenshotDisplayType: string } }> }>(
      `/v1/appStoreVersionLocalizations/${set.localizationId}/appScreenshotSets`,
      { "filter[screenshotDisplayType]": "APP_IPHONE_67" },
    );
    expect(iphone67.data.map((found) => [found.id, found.attributes.screenshotDisplayType])).toEqual([[set.id, "APP_IPHONE_67"]]);
    await expect(client.get(`/v1/appScreenshotSets/${set.id}/appScreenshots`, { limit: 201 })).rejects.toMatchObject({ status: 400, code: "PARAMETER_ERROR.INVALID" });
  });

  it("answers 404 NOT_FOUND for a localization or set it does not have", async () => {
    const client = clientFor(galleryApp);
    const missing = await listScreenshotSets(client, "no-such-localization").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AppStoreConnectError);
    expect(missing).toMatchObject({ status: 404, code: "NOT_FOUND" });
    await expect(client.get("/v1/appScreenshotSets/no-such-set/appScreenshots")).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
    // Another key's app is as unknown as a made-up id.
    const otherKeysSet = sandbox.app(trimmedApp.appId).screenshotSets[0]!;
    await expect(client.get(`/v1/appScreenshotSets/${otherKeysSet.id}/appScreenshots`)).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});
