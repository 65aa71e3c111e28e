// Pull All's screenshot step: every localization's screenshot sets and their screenshots copied
// from App Store Connect, each localization's copy replaced as a whole (sets and screenshots it no
// longer lists are deleted) so the project shows what App Store Connect shows, in its order.
import { prisma } from "@/lib/db/prisma";
import type { JobContext } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import { listScreenshots, listScreenshotSets } from "./api";
import { AppStoreConnectError, type AppStoreSession } from "./client";
import { stored, type PullTally } from "./pull";
import type { AppScreenshot, AppScreenshotSet } from "./types";

// Counted apart from PullTally, which pull_changes shares and which has no screenshots.
export interface ScreenshotTally {
  screenshotSets: number;
  screenshots: number;
}

export const emptyScreenshotTally = (): ScreenshotTally => ({ screenshotSets: 0, screenshots: 0 });

interface ListedSet {
  set: AppScreenshotSet;
  screenshots: AppScreenshot[];
}

export async function pullScreenshots(session: AppStoreSession, context: JobContext, tally: PullTally): Promise<ScreenshotTally> {
  const pulled = emptyScreenshotTally();
  const localizations = await prisma.appStoreLocalization.findMany({
    where: { projectId: session.projectId },
    select: { id: true, ascId: true },
    orderBy: { ascId: "asc" },
  });
  for (const localization of localizations) {
    if (context.isCancelled()) break;
    const listed: ListedSet[] = [];
    for (const set of await listSetsOf(session, localization.ascId)) {
      listed.push({ set, screenshots: await listScreenshots(session.client, set.id) });
    }
    await saveScreenshotSets(session.projectId, localization.id, listed);
    pulled.screenshotSets += listed.length;
    pulled.screenshots += listed.reduce((sum, { screenshots }) => sum + screenshots.length, 0);
    // The bar counts the other steps' records; screenshots show in the message only.
    context.progress({ processed: stored(tally), message: `Pulled ${plural(pulled.screenshotSets, "screenshot set")} (${plural(pulled.screenshots, "screenshot")})` });
  }
  return pulled;
}

// A localization deleted in App Store Connect since it was stored answers 404: it has no sets any
// more, and one stale row must not fail the whole pull.
async function listSetsOf(session: AppStoreSession, localizationAscId: string): Promise<AppScreenshotSet[]> {
  try {
    return await listScreenshotSets(session.client, localizationAscId);
  } catch (error) {
    if (error instanceof AppStoreConnectError && error.status === 404) return [];
    throw error;
  }
}

/** Makes the localization's sets and screenshots exactly `listed`, in one transaction. */
async function saveScreenshotSets(projectId: string, localizationId: string, listed: ListedSet[]): Promise<void> {
  const syncedAt = new Date();
  const project = { connect: { id: projectId } };
  const upserts = listed.flatMap(({ set, screenshots }) => {
    const setFields = { localization: { connect: { id: localizationId } }, displayType: set.attributes.screenshotDisplayType, syncedAt };
    const setKey = { projectId_ascId: { projectId, ascId: set.id } };
    return [
      prisma.appStoreScreenshotSet.upsert({ where: setKey, create: { project, ascId: set.id, ...setFields }, update: setFields }),
      ...screenshots.map((screenshot, position) => {
        const fields = { set: { connect: setKey }, position, ...screenshotFields(screenshot), syncedAt };
        return prisma.appStoreScreenshot.upsert({
          where: { projectId_ascId: { projectId, ascId: screenshot.id } },
          create: { project, ascId: screenshot.id, ...fields },
          update: fields,
        });
      }),
    ];
  });
  const setAscIds = listed.map(({ set }) => set.id);
  const screenshotAscIds = listed.flatMap(({ screenshots }) => screenshots.map((screenshot) => screenshot.id));
  await prisma.$transaction([
    ...upserts,
    prisma.appStoreScreenshot.deleteMany({ where: { projectId, set: { localizationId }, ascId: { notIn: screenshotAscIds } } }),
    // Deleting a set takes its screenshots with it (ON DELETE CASCADE).
    prisma.appStoreScreenshotSet.deleteMany({ where: { projectId, localizationId, ascId: { notIn: setAscIds } } }),
  ]);
}

function screenshotFields({ attributes }: AppScreenshot) {
  return {
    fileName: attributes.fileName,
    fileSize: attributes.fileSize,
    // Null while Apple is still processing the upload; the next pull fills them in.
    width: attributes.imageAsset?.width ?? null,
    height: attributes.imageAsset?.height ?? null,
    templateUrl: attributes.imageAsset?.templateUrl ?? null,
    checksum: attributes.sourceFileChecksum,
    deliveryState: attributes.assetDeliveryState?.state ?? null,
  };
}
