// Where a project's revenuecat_user_backfill got to (revenuecat_backfill_state), written in the
// same transaction as the users it covers: the saved point never runs ahead of the data, nor
// behind it, so a run that dies anywhere is continued by the next from exactly the last commit.
import { prisma } from "@/lib/db/prisma";
import type { BackfilledUser } from "./app-user";

export interface BackfillPoint {
  /** The last customer written; the next page starts after it. */
  startingAfter: string;
  customersDone: number;
  skipped: number;
}

export function readBackfillPoint(projectId: string) {
  return prisma.revenueCatBackfillState.findUnique({ where: { projectId } });
}

/** Writes a page's users and the point after them, together. */
export async function savePage(projectId: string, runId: string, users: BackfilledUser[], point: BackfillPoint): Promise<void> {
  const now = new Date();
  await prisma.$transaction(
    async (tx) => {
      const known = await tx.appUser.findMany({
        where: { projectId, appUserId: { in: users.map((user) => user.appUserId) } },
        select: { appUserId: true, campaign: true, adGroup: true },
      });
      const before = new Map(known.map((user) => [user.appUserId, user]));
      for (const user of users) {
        const fields = { ...user, syncedAt: now, backfilledAt: now };
        // A name apple_ads_sync resolved belongs to the id it resolved: a new id waits for its own.
        const previous = before.get(user.appUserId);
        const names = {
          ...(previous && previous.campaign !== user.campaign ? { campaignName: null } : {}),
          ...(previous && previous.adGroup !== user.adGroup ? { adGroupName: null } : {}),
        };
        await tx.appUser.upsert({
          where: { projectId_appUserId: { projectId, appUserId: user.appUserId } },
          create: { projectId, ...fields },
          update: { ...fields, ...names },
        });
      }
      await tx.revenueCatBackfillState.upsert({
        where: { projectId },
        create: { projectId, runId, ...point },
        update: { runId, ...point, updatedAt: now },
      });
    },
    // A page is at most 100 upserts; the default 5 s leaves no room on a busy database.
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** The backfill went through every customer: the next run starts from the first again. */
export async function clearBackfillPoint(projectId: string): Promise<void> {
  await prisma.revenueCatBackfillState.deleteMany({ where: { projectId } });
}
