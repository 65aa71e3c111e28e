// Soft deletes (PRODUCT.md "Domain data"): a deleted project, app or ingest key is hidden
// everywhere at once (every read filters `deleted_at IS NULL`), restorable for 7 days, and then
// removed with everything it owns by soft_delete_cleanup (purgeSoftDeleted below).
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { removeProjectAttachmentFiles } from "@/lib/events/attachments";
import { deleteEventsInBatches } from "@/lib/events/delete-events";
import { eventTables, type EventTable } from "@/lib/events/tables";
import { jobs } from "@/lib/jobs/jobs";

import { graceCutoff, purgeAt } from "./grace";

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * Hides the project and its runs, apps and keys at once; its active runs are cancelled, its
 * schedules stop (no cron reaches a deleted project) and its ingest keys stop working.
 */
export async function softDeleteProject(projectId: string): Promise<void> {
  const { count } = await prisma.project.updateMany({ where: { id: projectId, deletedAt: null }, data: { deletedAt: new Date() } });
  if (count === 0) throw new AppError("not_found", "Project not found");
  const active = await prisma.jobRun.findMany({ where: { projectId, status: { in: ["pending", "running"] } }, select: { id: true } });
  for (const run of active) await jobs.cancel(run.id).catch(() => undefined);
}

/** The team's projects deleted within the grace period, for the team page's "Restore". */
export async function deletedProjects(teamId: string, now = new Date()) {
  const rows = await prisma.project.findMany({
    where: { teamId, deletedAt: { gte: graceCutoff(now) } },
    orderBy: { deletedAt: "desc" },
    select: { id: true, slug: true, name: true, deletedAt: true },
  });
  return rows.map((row) => ({ ...row, deletedAt: row.deletedAt!.toISOString(), purgeAt: purgeAt(row.deletedAt!).toISOString() }));
}

export async function restoreProject(teamId: string, projectId: string, now = new Date()): Promise<{ id: string; slug: string }> {
  const { count } = isUuid(projectId)
    ? await prisma.project.updateMany({ where: { id: projectId, teamId, deletedAt: { gte: graceCutoff(now) } }, data: { deletedAt: null } })
    : { count: 0 };
  if (count === 0) throw new AppError("not_found", "No deleted project to restore: it was restored already, or its 7 days have passed");
  return prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, slug: true } });
}

// Deleting an app is lib/apps/apps.ts's deleteApp (the settings page's action).
export async function restoreApp(projectId: string, appId: string, now = new Date()): Promise<void> {
  const app = isUuid(appId) ? await prisma.app.findFirst({ where: { id: appId, projectId, deletedAt: { gte: graceCutoff(now) } } }) : null;
  if (!app) throw new AppError("not_found", "No deleted app to restore: it was restored already, or its 7 days have passed");
  // The partial unique indexes hold live apps only: another app may have taken the ids meanwhile.
  const taken = await prisma.app.findFirst({
    where: {
      projectId,
      deletedAt: null,
      OR: [...(app.bundleId ? [{ platform: app.platform, bundleId: app.bundleId }] : []), ...(app.appleAppStoreId ? [{ appleAppStoreId: app.appleAppStoreId }] : [])],
    },
    select: { name: true },
  });
  if (taken && (app.bundleId || app.appleAppStoreId)) throw new AppError("conflict", `${taken.name} now uses this app's bundle id or App Store id; change or delete it first`);
  await prisma.app.updateMany({ where: { id: app.id, projectId }, data: { deletedAt: null } });
}

/** The project's apps deleted within the grace period. */
export async function deletedApps(projectId: string, now = new Date()) {
  const rows = await prisma.app.findMany({ where: { projectId, deletedAt: { gte: graceCutoff(now) } }, orderBy: { deletedAt: "desc" }, select: { id: true, name: true, platform: true, deletedAt: true } });
  return rows.map((row) => ({ ...row, deletedAt: row.deletedAt!.toISOString(), purgeAt: purgeAt(row.deletedAt!).toISOString() }));
}

export interface PurgeOptions {
  now: Date;
  batchSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (message: string) => void;
}

export interface PurgeResult {
  projects: number;
  apps: number;
  ingestKeys: number;
  /** Rows deleted with the projects and apps, per event table. */
  eventsDeleted: Record<EventTable, number>;
  cancelled: boolean;
}

/** soft_delete_cleanup's work: what was deleted before the grace cutoff goes, with what it owns. */
export async function purgeSoftDeleted(options: PurgeOptions): Promise<PurgeResult> {
  const { now, batchSize = 5000, isCancelled = () => false, onProgress } = options;
  const before = graceCutoff(now);
  const result: PurgeResult = { projects: 0, apps: 0, ingestKeys: 0, eventsDeleted: { events: 0, metric_events: 0, funnel_events: 0 }, cancelled: false };
  const cancelled = () => ({ ...result, cancelled: true });

  const keys = await prisma.ingestKey.deleteMany({ where: { deletedAt: { lt: before } } });
  result.ingestKeys = keys.count;

  const apps = await prisma.app.findMany({ where: { deletedAt: { lt: before }, project: { deletedAt: null } }, select: { id: true, projectId: true, name: true } });
  for (const app of apps) {
    for (const table of eventTables) {
      const deleted = await deleteEventsInBatches(table, { projectId: app.projectId, appId: app.id }, batchSize, isCancelled);
      if (deleted === null) return cancelled();
      result.eventsDeleted[table] += deleted;
    }
    // Its ingest keys go with it (ON DELETE CASCADE).
    await prisma.app.deleteMany({ where: { id: app.id, deletedAt: { lt: before } } });
    result.apps += 1;
    onProgress?.(`Removed app ${app.name}`);
  }

  const projects = await prisma.project.findMany({ where: { deletedAt: { lt: before } }, select: { id: true, name: true } });
  for (const project of projects) {
    for (const table of eventTables) {
      const deleted = await deleteEventsInBatches(table, { projectId: project.id }, batchSize, isCancelled);
      if (deleted === null) return cancelled();
      result.eventsDeleted[table] += deleted;
      onProgress?.(`Deleting ${project.name}: ${result.eventsDeleted[table]} ${table.replace("_", " ")} so far`);
    }
    await removeProjectAttachmentFiles(project.id);
    // Runs, apps, keys, integrations, store data and attachment rows go with the row (ON DELETE CASCADE).
    // Restored meanwhile? Then the condition keeps it.
    const gone = await prisma.project.deleteMany({ where: { id: project.id, deletedAt: { lt: before } } });
    result.projects += gone.count;
    onProgress?.(`Removed project ${project.name}`);
  }
  return result;
}
