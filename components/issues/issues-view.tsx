// A project's issues: error events grouped by cause, last seen first, filtered through the URL,
// one page at a time ("Next page" follows the cursor).
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { ApiIssue } from "@/lib/issues/schemas";
import { IssueFilters } from "./issue-filters";
import { issuesHref, narrowed, type IssueFilterValues } from "./issue-links";
import { IssueList } from "./issue-list";
import { issueStatusLabels } from "./issue-status-badge";

interface IssuesViewProps {
  project: { slug: string; name: string };
  issues: ApiIssue[];
  nextCursor: string | null;
  filters: IssueFilterValues;
}

export function IssuesView({ project, issues, nextCursor, filters }: IssuesViewProps) {
  return (
    <div className="space-y-5">
      <PageHeader title="Issues" description={`Error events from ${project.name}, grouped by cause, last seen first.`} />
      <IssueFilters projectSlug={project.slug} values={filters} />
      {issues.length === 0 ? (
        <Empty project={project} filters={filters} />
      ) : (
        <>
          <IssueList issues={issues} projectSlug={project.slug} />
          <nav aria-label="Pages of issues" className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-500 dark:text-slate-400">
            <span>
              {issues.length} issue{issues.length === 1 ? "" : "s"} on this page
            </span>
            <div className="flex gap-2">
              {filters.cursor && (
                <ButtonLink href={issuesHref(project.slug, { ...filters, cursor: undefined })} scroll={false}>
                  First page
                </ButtonLink>
              )}
              {nextCursor && (
                <ButtonLink href={issuesHref(project.slug, { ...filters, cursor: nextCursor })} scroll={false}>
                  Next page
                </ButtonLink>
              )}
            </div>
          </nav>
        </>
      )}
    </div>
  );
}

function Empty({ project, filters }: { project: { slug: string }; filters: IssueFilterValues }) {
  if (filters.cursor) {
    return (
      <EmptyState title="No more issues" action={<ButtonLink href={issuesHref(project.slug, { ...filters, cursor: undefined })}>First page</ButtonLink>}>
        This page is past the last issue.
      </EmptyState>
    );
  }
  if (narrowed(filters)) {
    return (
      <EmptyState title="No issues match these filters" action={<ButtonLink href={issuesHref(project.slug, { status: filters.status })}>Clear filters</ButtonLink>}>
        Try another app version or search, or any environment.
      </EmptyState>
    );
  }
  if (filters.status === "open" || filters.status === "all") {
    return (
      <EmptyState title={filters.status === "open" ? "No open issues" : "No issues yet"}>
        Error events sent to the ingest API become issues within the hour, when issue_scan runs. Apps send them with an ingest key from{" "}
        <Link href={`/projects/${project.slug}/settings`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Settings
        </Link>
        .
        {filters.status === "open" && " Resolved and ignored issues are under All statuses."}
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`No ${issueStatusLabels[filters.status].toLowerCase()} issues`} action={<ButtonLink href={issuesHref(project.slug)}>Show open issues</ButtonLink>}>
      {filters.status === "resolved" || filters.status === "ignored"
        ? `Issues marked ${filters.status} on their page are listed here.`
        : filters.status === "regressed"
          ? "Resolved issues that happen again in production come back as regressed."
          : "Issues seen for the first time are new until they are resolved or ignored."}
    </EmptyState>
  );
}
