import "server-only";
// An app's ratings by App Store storefront, as App Store Ratings Sync last saw them: the rated
// storefronts most ratings first, and the ones without a rating. Scoped by project through the
// app too, so another project's app has no ratings here.
import { prisma } from "@/lib/db/prisma";
import type { AppRatings } from "./types";

const number = (value: { toString(): string } | null) => (value === null ? null : Number(value));

export async function getAppRatings(projectId: string, appId: string): Promise<AppRatings> {
  const rows = await prisma.appStoreRating.findMany({
    where: { appId, projectId, app: { projectId, deletedAt: null } },
    orderBy: [{ ratingCount: "desc" }, { country: "asc" }],
  });
  const rated = rows.filter((row) => row.ratingCount > 0 && row.averageRating !== null);
  return {
    rated: rated.map((row) => ({
      country: row.country,
      averageRating: Number(row.averageRating),
      ratingCount: row.ratingCount,
      currentVersionAverage: number(row.currentVersionAverage),
      currentVersionCount: row.currentVersionCount,
      version: row.version,
    })),
    unrated: rows.filter((row) => !rated.includes(row)).map((row) => row.country),
  };
}
