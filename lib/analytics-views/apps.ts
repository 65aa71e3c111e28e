import "server-only";
// The apps the Analytics page can show: the project's live Apple apps (App Store Connect's reports
// are Apple's), opening on the first one with pulled data. Another project's app, or an id that is
// not one, reads as not found through the Store page's scoped lookup.
import { prisma } from "@/lib/db/prisma";
import { listStoreApps } from "@/lib/store/apps";
import type { StoreAppOption } from "@/lib/store/types";

export { getStoreApp as getAnalyticsApp } from "@/lib/store/apps";

export async function listAnalyticsApps(projectId: string): Promise<StoreAppOption[]> {
  return (await listStoreApps(projectId)).filter((app) => app.platform === "apple");
}

/** The first Apple app with analytics rows, else the first Apple app, else none. */
export async function defaultAnalyticsAppId(projectId: string, apps: StoreAppOption[]): Promise<string | undefined> {
  const withData = await prisma.analyticsDaily.groupBy({ by: ["appId"], where: { projectId, appId: { in: apps.map((app) => app.id) } } });
  const ids = new Set(withData.map((row) => row.appId));
  return (apps.find((app) => ids.has(app.id)) ?? apps[0])?.id;
}
