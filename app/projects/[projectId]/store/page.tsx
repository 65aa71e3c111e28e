// A project's App Store data, for every member of its team: one app at a time (?app=, the first
// Apple app by default) with its version, ratings by country and reviews (filtered and paged
// through the URL). Another project's app, or an id that is not one, is 404 here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { replyFilters, type ReviewFilterValues } from "@/components/store/store-links";
import { StoreView } from "@/components/store/store-view";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { getStoreApp, listAscVersions, listStoreApps } from "@/lib/store/apps";
import { getAppRatings } from "@/lib/store/ratings";
import { listReviews } from "@/lib/store/reviews";

export const metadata: Metadata = { title: "Store" };

type SearchParams = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 25;

const one = (search: SearchParams, name: string) => [search[name]].flat()[0]?.trim() || undefined;

// Values that are not ours (a mistyped or stale URL) fall back to the defaults rather than fail.
function filtersOf(search: SearchParams): ReviewFilterValues {
  const rating = Number(one(search, "rating"));
  const reply = one(search, "reply");
  const cursor = one(search, "cursor");
  return {
    rating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : undefined,
    reply: replyFilters.find((known) => known === reply) ?? "any",
    cursor: cursor && cursor.length <= 200 ? cursor : undefined,
  };
}

/** The page the filters ask for; a cursor that is not one of ours starts over at the first page. */
async function reviewsPage(projectId: string, appId: string, filters: ReviewFilterValues): Promise<{ filters: ReviewFilterValues; page: Awaited<ReturnType<typeof listReviews>> }> {
  try {
    return { filters, page: await listReviews(projectId, appId, { ...filters, limit: PAGE_SIZE }) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "bad_request" && filters.cursor)) throw error;
    return reviewsPage(projectId, appId, { ...filters, cursor: undefined });
  }
}

export default async function StorePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/store`);
  const search = await searchParams;
  const apps = await listStoreApps(access.project.id);
  const appId = one(search, "app") ?? apps[0]?.id;
  const canRunTasks = can(access, "jobs:write");
  if (!appId) return <StoreView project={access.project} apps={apps} canRunTasks={canRunTasks} />;

  const app = await getStoreApp(access.project.id, appId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [versions, ratings, { filters, page }] = await Promise.all([
    listAscVersions(access.project.id, app),
    getAppRatings(access.project.id, app.id),
    reviewsPage(access.project.id, app.id, filtersOf(search)),
  ]);
  return <StoreView project={access.project} apps={apps} canRunTasks={canRunTasks} selected={{ app, versions, ratings, reviews: page, filters }} />;
}
