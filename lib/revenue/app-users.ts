import "server-only";
// The project's app users as RevenueCat Sync and RevenueCat User Backfill saved them: the figures
// at a glance, revenue by media source, and the users themselves most revenue first, one keyset
// page at a time, narrowed by subscription status, access and media source, with how many users
// each filter value keeps. Every query is scoped by project.
import { prisma } from "@/lib/db/prisma";
import type { AppUser, Prisma } from "@/lib/generated/prisma/client";
import { countsOf } from "./counts";
import { decodeAppUserCursor, encodeAppUserCursor } from "./cursor";
import type { AppUserQuery, AppUserRow, AppUserSummary, AppUsersPage } from "./types";

const cents = (amount: { toString(): string } | null | undefined) => Math.round(Number(amount ?? 0) * 100);

export async function getAppUserSummary(projectId: string): Promise<AppUserSummary> {
  const [sources, payingUsers, activeSubscriptions, latest] = await Promise.all([
    prisma.appUser.groupBy({ by: ["mediaSource"], where: { projectId }, _count: { _all: true }, _sum: { lifetimeRevenueUsd: true } }),
    prisma.appUser.count({ where: { projectId, lifetimeRevenueUsd: { gt: 0 } } }),
    prisma.appUser.count({ where: { projectId, hasAccess: true } }),
    prisma.appUser.aggregate({ where: { projectId }, _max: { syncedAt: true } }),
  ]);
  const bySource = sources
    .map((group) => ({ source: group.mediaSource, users: group._count._all, cents: cents(group._sum.lifetimeRevenueUsd) }))
    .sort((a, b) => b.cents - a.cents || b.users - a.users || (a.source ?? "").localeCompare(b.source ?? "", "en"));
  return {
    users: bySource.reduce((sum, source) => sum + source.users, 0),
    payingUsers,
    revenueUsd: bySource.reduce((sum, source) => sum + source.cents, 0) / 100,
    activeSubscriptions,
    bySource: bySource.map(({ source, users, cents }) => ({ source, users, revenueUsd: cents / 100 })),
    syncedAt: latest._max.syncedAt?.toISOString() ?? null,
  };
}

function filterWhere(query: Pick<AppUserQuery, "status" | "access" | "source">): Prisma.AppUserWhereInput {
  return {
    ...(query.status !== undefined ? { subscriptionStatus: query.status } : {}),
    ...(query.access !== "any" ? { hasAccess: query.access === "yes" } : {}),
    ...(query.source !== undefined ? { mediaSource: query.source } : {}),
  };
}

export async function listAppUsers(projectId: string, query: AppUserQuery): Promise<AppUsersPage> {
  const after = query.cursor ? decodeAppUserCursor(query.cursor) : null;
  const where: Prisma.AppUserWhereInput = {
    projectId,
    ...filterWhere(query),
    ...(after ? { OR: [{ lifetimeRevenueUsd: { lt: after.lifetimeRevenueUsd } }, { lifetimeRevenueUsd: after.lifetimeRevenueUsd, id: { gt: after.id } }] } : {}),
  };
  const [rows, groups] = await Promise.all([
    prisma.appUser.findMany({ where, orderBy: [{ lifetimeRevenueUsd: "desc" }, { id: "asc" }], take: query.limit + 1 }),
    prisma.appUser.groupBy({ by: ["subscriptionStatus", "hasAccess", "mediaSource"], where: { projectId }, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    users: page.map(view),
    nextCursor: rows.length > query.limit && last ? encodeAppUserCursor({ lifetimeRevenueUsd: last.lifetimeRevenueUsd.toFixed(2), id: last.id }) : null,
    counts: countsOf(
      groups.map((group) => ({ status: group.subscriptionStatus, hasAccess: group.hasAccess, source: group.mediaSource, count: group._count._all })),
      query,
    ),
  };
}

function view(user: AppUser): AppUserRow {
  return {
    id: user.id,
    appUserId: user.appUserId,
    subscriptionStatus: user.subscriptionStatus,
    hasAccess: user.hasAccess,
    productId: user.productId,
    store: user.store,
    entitlements: user.entitlements,
    expiresAt: user.expiresAt?.toISOString() ?? null,
    lifetimeRevenueUsd: Number(user.lifetimeRevenueUsd),
    mediaSource: user.mediaSource,
    campaign: user.campaign,
    campaignName: user.campaignName,
    adGroup: user.adGroup,
    adGroupName: user.adGroupName,
    keyword: user.keyword,
    creative: user.creative,
  };
}
