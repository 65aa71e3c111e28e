// A project's issues, for every member of its team: error events grouped by cause, filtered by
// status (open by default), environment, app version and title words, kept in the URL.
import type { Metadata } from "next";
import { IssuesView } from "@/components/issues/issues-view";
import type { IssueFilterValues } from "@/components/issues/issue-links";
import { projectPage } from "@/lib/auth/page-access";
import { AppError } from "@/lib/errors";
import { listIssues } from "@/lib/issues/issues";
import { issueStatusFilters, listIssuesQuerySchema, type ListIssuesQuery } from "@/lib/issues/schemas";

export const metadata: Metadata = { title: "Issues" };

type SearchParams = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 25;

// Values that are not ours (a mistyped or stale URL) fall back to the defaults rather than fail.
function filtersOf(search: SearchParams): IssueFilterValues {
  const one = (name: string) => [search[name]].flat()[0]?.trim() || undefined;
  const status = one("status");
  const { shape } = listIssuesQuerySchema;
  return {
    status: status === "all" ? "all" : (issueStatusFilters.find((known) => known === status) ?? "open"),
    environment: one("environment") === "production" ? "production" : "any",
    appVersion: shape.appVersion.safeParse(one("appVersion")).data,
    q: shape.q.safeParse(one("q")).data,
    cursor: shape.cursor.safeParse(one("cursor")).data,
  };
}

const queryOf = (filters: IssueFilterValues): ListIssuesQuery => ({ ...filters, status: filters.status === "all" ? undefined : filters.status, limit: PAGE_SIZE });

/** The page the filters ask for; a cursor that is not one of ours starts over at the first page. */
async function issuesPage(projectId: string, filters: IssueFilterValues) {
  try {
    return { filters, ...(await listIssues(projectId, queryOf(filters))) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "bad_request" && filters.cursor)) throw error;
    return issuesPage(projectId, { ...filters, cursor: undefined });
  }
}

export default async function IssuesPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/issues`);
  const { filters, issues, nextCursor } = await issuesPage(access.project.id, filtersOf(await searchParams));
  return <IssuesView project={access.project} issues={issues} nextCursor={nextCursor} filters={filters} />;
}
