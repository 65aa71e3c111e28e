// A project's revenue, for every member of its team: its Apple Ads campaigns (lifetime figures,
// each opening to its ad groups) and its RevenueCat app users (filtered and paged through the URL).
import type { Metadata } from "next";
import { accessFilters, sourceOfParam, type AppUserFilterValues } from "@/components/revenue/revenue-links";
import { RevenueView } from "@/components/revenue/revenue-view";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { getAppUserSummary, listAppUsers } from "@/lib/revenue/app-users";
import { listAdCampaigns } from "@/lib/revenue/campaigns";

export const metadata: Metadata = { title: "Revenue" };

type SearchParams = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 25;

const one = (search: SearchParams, name: string) => [search[name]].flat()[0]?.trim() || undefined;
const short = (value: string | undefined, length: number) => (value && value.length <= length ? value : undefined);

// Values that are not ours (a mistyped or stale URL) fall back to the defaults rather than fail.
function filtersOf(search: SearchParams): AppUserFilterValues {
  const access = one(search, "access");
  const source = short(one(search, "source"), 200);
  return {
    status: short(one(search, "status"), 100),
    access: accessFilters.find((known) => known === access) ?? "any",
    source: source === undefined ? undefined : sourceOfParam(source),
    cursor: short(one(search, "cursor"), 200),
  };
}

/** The page the filters ask for; a cursor that is not one of ours starts over at the first page. */
async function usersPage(projectId: string, filters: AppUserFilterValues): Promise<{ filters: AppUserFilterValues; page: Awaited<ReturnType<typeof listAppUsers>> }> {
  try {
    return { filters, page: await listAppUsers(projectId, { ...filters, limit: PAGE_SIZE }) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "bad_request" && filters.cursor)) throw error;
    return usersPage(projectId, { ...filters, cursor: undefined });
  }
}

export default async function RevenuePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/revenue`);
  const [ads, summary, { filters, page }] = await Promise.all([listAdCampaigns(access.project.id), getAppUserSummary(access.project.id), usersPage(access.project.id, filtersOf(await searchParams))]);
  return <RevenueView project={access.project} ads={ads} summary={summary} users={page} filters={filters} canRunTasks={can(access, "jobs:write")} />;
}
