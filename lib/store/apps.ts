import "server-only";
// The apps the Store page can show, and what it shows of one: the version facts App Version Sync
// and the ratings sync keep on the app, and the App Store Connect versions of the connected app.
// Every query is scoped by project, so another project's app (or no app at all) reads as not found.
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { App } from "@/lib/generated/prisma/client";
import type { AscVersions, StoreApp, StoreAppOption } from "./types";

const SHOWN_VERSIONS = 10;
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The project's live apps, Apple apps first (the page opens on the first one), then as added. */
export async function listStoreApps(projectId: string): Promise<StoreAppOption[]> {
  const apps = await prisma.app.findMany({ where: { projectId, deletedAt: null }, select: { id: true, name: true, platform: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return [...apps.filter((app) => app.platform === "apple"), ...apps.filter((app) => app.platform !== "apple")];
}

export async function getStoreApp(projectId: string, appId: string): Promise<StoreApp> {
  const app = z.uuid().safeParse(appId).success ? await prisma.app.findFirst({ where: { id: appId, projectId, deletedAt: null } }) : null;
  if (!app) throw new AppError("not_found", "App not found");
  return view(app);
}

function view(app: App): StoreApp {
  return {
    id: app.id,
    name: app.name,
    platform: app.platform,
    bundleId: app.bundleId,
    appleAppStoreId: app.appleAppStoreId,
    appleAppStoreIdSource: app.appleAppStoreIdSource,
    latestAppVersion: app.latestAppVersion,
    latestAppVersionSource: app.latestAppVersionSource,
    latestAppVersionReleasedAt: iso(app.latestAppVersionReleasedAt),
    latestAppVersionCheckedAt: iso(app.latestAppVersionCheckedAt),
    ratingAverage: app.ratingAverage === null ? null : Number(app.ratingAverage),
    ratingCount: app.ratingCount,
    ratingsSyncedAt: iso(app.ratingsSyncedAt),
  };
}

/**
 * Whether the project's App Store Connect versions are this app's. They are the connected app's:
 * the Apple app with the connection's App Store id, or, once the connection is gone, the project's
 * first live Apple app (the one the connection made sure of).
 */
async function ownsVersions(projectId: string, app: StoreApp): Promise<boolean> {
  if (app.platform !== "apple") return false;
  const connection = await prisma.integration.findUnique({ where: { projectId_kind: { projectId, kind: "app_store_connect" } }, select: { config: true } });
  const connectedId = (connection?.config as { appId?: unknown } | null)?.appId;
  if (connection) return typeof connectedId === "string" && connectedId === app.appleAppStoreId;
  const first = await prisma.app.findFirst({ where: { projectId, deletedAt: null, platform: "apple" }, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return first?.id === app.id;
}

/** The newest App Store Connect versions of the app, or none when the app is not the connected one. */
export async function listAscVersions(projectId: string, app: StoreApp): Promise<AscVersions> {
  if (!(await ownsVersions(projectId, app))) return { versions: [], total: 0 };
  const [rows, total] = await Promise.all([
    prisma.appStoreVersion.findMany({
      where: { projectId },
      select: {
        id: true,
        versionString: true,
        platform: true,
        appVersionState: true,
        releaseType: true,
        createdDate: true,
        localizations: { select: { _count: { select: { screenshotSets: true } } } },
      },
      orderBy: [{ createdDate: { sort: "desc", nulls: "last" } }, { versionString: "desc" }],
      take: SHOWN_VERSIONS,
    }),
    prisma.appStoreVersion.count({ where: { projectId } }),
  ]);
  return {
    total,
    versions: rows.map((row) => ({
      id: row.id,
      versionString: row.versionString,
      platform: row.platform,
      state: row.appVersionState,
      releaseType: row.releaseType,
      createdDate: iso(row.createdDate),
      localizations: row.localizations.length,
      screenshotSets: row.localizations.reduce((sum, localization) => sum + localization._count.screenshotSets, 0),
    })),
  };
}
