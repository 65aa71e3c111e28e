// A project's apps (PRODUCT.md "Domain data"): listed and edited in project settings, looked up by
// store jobs. Every query is scoped by project, so an app of another project reads as not found.
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { AppError, invalid } from "@/lib/errors";
import type { App } from "@/lib/generated/prisma/client";
import { appInputSchema, type AppInput, type ParsedAppInput } from "./schemas";

export interface AppView {
  id: string;
  name: string;
  platform: App["platform"];
  bundleId: string | null;
  appleAppStoreId: string | null;
  latestAppVersion: string | null;
  latestAppVersionSource: App["latestAppVersionSource"];
  ratingAverage: number | null;
  ratingCount: number | null;
  createdAt: string;
}

function view(app: App): AppView {
  return {
    id: app.id,
    name: app.name,
    platform: app.platform,
    bundleId: app.bundleId,
    appleAppStoreId: app.appleAppStoreId,
    latestAppVersion: app.latestAppVersion,
    latestAppVersionSource: app.latestAppVersionSource,
    ratingAverage: app.ratingAverage === null ? null : Number(app.ratingAverage),
    ratingCount: app.ratingCount,
    createdAt: app.createdAt.toISOString(),
  };
}

function parse(input: unknown): ParsedAppInput {
  const parsed = appInputSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Please correct the highlighted fields", parsed.error);
  return parsed.data;
}

// The unique indexes (project, platform, bundle id) and (project, App Store id) say which id is taken.
function duplicate(error: unknown, input: ParsedAppInput): AppError | null {
  const known = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { index?: string } } } } };
  if (known?.code !== "P2002") return null;
  const target = JSON.stringify(known.meta ?? {});
  if (target.includes("apple_app_store_id")) {
    return new AppError("conflict", `Another app of this project has App Store id ${input.appleAppStoreId}`, { issues: [{ path: "appleAppStoreId", message: "another app of this project has this id" }] });
  }
  return new AppError("conflict", `Another ${input.platform} app of this project has bundle id ${input.bundleId}`, { issues: [{ path: "bundleId", message: "another app of this project has this bundle id" }] });
}

export async function listApps(projectId: string): Promise<AppView[]> {
  const apps = await prisma.app.findMany({ where: { projectId, deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return apps.map(view);
}

export async function createApp(projectId: string, input: AppInput): Promise<AppView> {
  const data = parse(input);
  try {
    return view(await prisma.app.create({ data: { projectId, ...data, appleAppStoreIdSource: data.appleAppStoreId ? "entered" : null } }));
  } catch (error) {
    throw duplicate(error, data) ?? error;
  }
}

async function appOf(projectId: string, appId: string): Promise<App> {
  const app = z.uuid().safeParse(appId).success ? await prisma.app.findFirst({ where: { id: appId, projectId, deletedAt: null } }) : null;
  if (!app) throw new AppError("not_found", "App not found");
  return app;
}

export async function updateApp(projectId: string, appId: string, input: AppInput): Promise<AppView> {
  const data = parse(input);
  const app = await appOf(projectId, appId);
  // What jobs learned about the app in the store belongs to the old ids.
  const storeChanged = app.platform !== data.platform || app.bundleId !== data.bundleId || app.appleAppStoreId !== data.appleAppStoreId;
  const forget = storeChanged
    ? { latestAppVersion: null, latestAppVersionSource: null, latestAppVersionCheckedAt: null, latestAppVersionReleasedAt: null, ratingAverage: null, ratingCount: null, ratingsSyncedAt: null }
    : {};
  const idSource = app.appleAppStoreId === data.appleAppStoreId ? {} : { appleAppStoreIdSource: data.appleAppStoreId ? ("entered" as const) : null };
  try {
    // Scoped by project in the write too, and an app removed meanwhile is not found rather than an error.
    const [updated] = await prisma.$transaction(async (tx) => {
      const rows = await tx.app.updateManyAndReturn({ where: { id: app.id, projectId, deletedAt: null }, data: { ...data, ...forget, ...idSource } });
      // Per-storefront ratings were of the old store ids; the next ratings sync reads the new ones.
      if (rows.length > 0 && storeChanged) await tx.appStoreRating.deleteMany({ where: { appId: app.id } });
      return rows;
    });
    if (!updated) throw new AppError("not_found", "App not found");
    return view(updated);
  } catch (error) {
    throw duplicate(error, data) ?? error;
  }
}

/** Soft-deletes the app: hidden at once, restorable for 7 days (lib/accounts/soft-delete.ts). */
export async function deleteApp(projectId: string, appId: string): Promise<void> {
  const { count } = z.uuid().safeParse(appId).success ? await prisma.app.updateMany({ where: { id: appId, projectId, deletedAt: null }, data: { deletedAt: new Date() } }) : { count: 0 };
  if (count === 0) throw new AppError("not_found", "App not found");
}
