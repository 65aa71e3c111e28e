// Failed runs grouped by job type and error: "12 × RevenueCat 401 …", when it first and last
// happened, and a link to the newest, so a recurring failure reads as one problem. One page of
// groups at a time, so the page stays small however many distinct errors a project has.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import type { FailurePage, FailureWindow } from "@/lib/jobs/failures";
import { RetryGroup } from "./retry-group";
import { jobTypeLabel } from "@/lib/jobs/labels";

const windows: Array<[FailureWindow, string]> = [
  ["24h", "24 hours"],
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["all", "All"],
];

/** The Failures page's address for a window and page; the defaults (30 days, page 1) stay out of it. */
export function failuresHref(projectSlug: string, window: FailureWindow, page = 1): string {
  const query = new URLSearchParams();
  if (window !== "30d") query.set("window", window);
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return `/projects/${projectSlug}/failures${search ? `?${search}` : ""}`;
}

export function FailuresView({ project, failures, window, canManage = false }: { project: { id: string; slug: string; name: string }; failures: FailurePage; window: FailureWindow; canManage?: boolean }) {
  const { groups, failures: total, groupCount, page, pageCount } = failures;
  return (
    <div className="space-y-5">
      <PageHeader
        title="Failures"
        description={total === 0 ? `Failed runs of ${project.name}, grouped by what went wrong.` : `${total} failed run${total === 1 ? "" : "s"} in ${groupCount} group${groupCount === 1 ? "" : "s"}, most recent first.`}
        actions={
          <nav aria-label="Time window" className="flex rounded-md border border-slate-300 bg-white p-0.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            {windows.map(([key, label]) => (
              <Link
                key={key}
                href={failuresHref(project.slug, key)}
                aria-current={key === window ? "page" : undefined}
                className={`rounded px-2.5 py-1 ${key === window ? "bg-indigo-600 text-white dark:bg-indigo-500" : "text-slate-600 hover:text-slate-900 dark:text-slate-300"}`}
              >
                {label}
              </Link>
            ))}
          </nav>
        }
      />
      {groups.length === 0 && groupCount > 0 ? (
        <EmptyState title="No more failures" action={<ButtonLink href={failuresHref(project.slug, window)}>First page</ButtonLink>}>
          This page is past the last group.
        </EmptyState>
      ) : groups.length === 0 ? (
        <EmptyState title="No failures">Nothing failed in this window. Failed runs show up here grouped by job type and error.</EmptyState>
      ) : (
        <>
          <ul className="space-y-3">
            {groups.map((group) => (
              <li key={`${group.type}:${group.message}`} data-failure-type={group.type} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
                <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
                  <span className="rounded-md bg-red-50 px-2 py-1 text-sm font-semibold tabular-nums text-red-700 ring-1 ring-red-200 ring-inset dark:bg-red-950 dark:text-red-300 dark:ring-red-900" aria-label={`${group.count} failures`}>
                    {group.count} ×
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{jobTypeLabel(group.type)}</p>
                    <p className="mt-1 font-mono text-sm break-words text-red-700 dark:text-red-300">{group.message}</p>
                    <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                      First seen <Time value={group.firstSeenAt} /> · last seen <Time value={group.lastSeenAt} />
                    </p>
                  </div>
                  {/* Under the error on a phone, so the error keeps the card's width; beside it from sm up. */}
                  <div className="flex w-full items-center justify-between gap-3 sm:w-auto sm:flex-col sm:items-end">
                    <Link href={`/projects/${project.slug}/runs/${group.newestRunId}`} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                      Newest run →
                    </Link>
                    {canManage && <RetryGroup project={project} group={group} window={window} />}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          {pageCount > 1 && (
            <nav aria-label="Pages of failures" className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-500 dark:text-slate-400">
              <span>
                Page {page} of {pageCount}
              </span>
              <div className="flex gap-2">
                {page > 1 && (
                  <ButtonLink href={failuresHref(project.slug, window, page - 1)} scroll={false}>
                    Previous page
                  </ButtonLink>
                )}
                {page < pageCount && (
                  <ButtonLink href={failuresHref(project.slug, window, page + 1)} scroll={false}>
                    Next page
                  </ButtonLink>
                )}
              </div>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
