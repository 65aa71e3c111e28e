// A project's App Store analytics, for every member of its team: one Apple app at a time (?app=,
// the first with pulled data by default) with each metric's actuals and forecast, and the store
// translations proposed for the project. Another project's app, or an id that is not one, is 404.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AnalyticsView } from "@/components/analytics/analytics-view";
import { projectPage } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { defaultAnalyticsAppId, getAnalyticsApp, listAnalyticsApps } from "@/lib/analytics-views/apps";
import { isoDay } from "@/components/analytics/chart";
import { listMetricSeries } from "@/lib/analytics-views/series";
import { listLatestTranslations } from "@/lib/analytics-views/translations";

export const metadata: Metadata = { title: "Analytics" };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (search: SearchParams, name: string) => [search[name]].flat()[0]?.trim() || undefined;

export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/analytics`);
  const projectIdOf = access.project.id;
  const [apps, translations] = await Promise.all([listAnalyticsApps(projectIdOf), listLatestTranslations(projectIdOf)]);
  const appId = one(await searchParams, "app") ?? (await defaultAnalyticsAppId(projectIdOf, apps));
  const now = new Date();
  if (!appId) return <AnalyticsView project={access.project} apps={apps} translations={translations} today={isoDay(now)} />;

  const app = await getAnalyticsApp(projectIdOf, appId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const series = await listMetricSeries(projectIdOf, app.id, now);
  return <AnalyticsView project={access.project} apps={apps} selected={{ app, series }} translations={translations} today={isoDay(now)} />;
}
