// Issues as rows: status, title (which opens the issue) with its error type and versions, how many
// events and users, and when it was last and first seen. Wide screens get columns; phones one line
// of numbers under the title.
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { ApiIssue } from "@/lib/issues/schemas";
import { IssueStatusBadge } from "./issue-status-badge";

const columns = "sm:grid-cols-[6.5rem_minmax(0,1fr)_5rem_5rem_8rem_8rem]";
const plural = (count: number, word: string) => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;

export function IssueList({ issues, projectSlug }: { issues: ApiIssue[]; projectSlug: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div aria-hidden="true" className={`hidden gap-x-3 border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-medium text-slate-500 sm:grid dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400 ${columns}`}>
        <span>Status</span>
        <span>Issue</span>
        <span className="text-right">Events</span>
        <span className="text-right">Users</span>
        <span>Last seen</span>
        <span>First seen</span>
      </div>
      <ul aria-label="Issues" className="divide-y divide-slate-100 dark:divide-slate-800">
        {issues.map((issue) => (
          <IssueRow key={issue.id} issue={issue} projectSlug={projectSlug} />
        ))}
      </ul>
    </div>
  );
}

function IssueRow({ issue, projectSlug }: { issue: ApiIssue; projectSlug: string }) {
  return (
    <li aria-label={issue.title} data-issue-id={issue.id} data-issue-status={issue.status} className="relative px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/40">
      <div className={`grid grid-cols-[auto_minmax(0,1fr)] items-start gap-x-3 gap-y-1 ${columns}`}>
        <div className="pt-0.5">
          <IssueStatusBadge status={issue.status} />
        </div>
        <div className="min-w-0">
          <Link href={`/projects/${projectSlug}/issues/${issue.id}`} className="line-clamp-2 font-medium break-words after:absolute after:inset-0 hover:underline sm:line-clamp-1" title={issue.title}>
            {issue.title}
          </Link>
          {issue.message && issue.message !== issue.title && <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{issue.message}</p>}
          <Versions issue={issue} />
        </div>
        {/* Phones: the numbers and times on one line under the title. */}
        <p className="col-start-2 text-xs text-slate-600 sm:hidden dark:text-slate-400">
          {plural(issue.count, "event")} · {plural(issue.usersAffected, "user")} · last seen <Time value={issue.lastSeenAt} />
        </p>
        <div className="hidden text-right text-sm tabular-nums sm:block">
          {issue.count.toLocaleString("en-US")}
          <span className="sr-only"> events</span>
        </div>
        <div className="hidden text-right text-sm tabular-nums sm:block">
          {issue.usersAffected.toLocaleString("en-US")}
          <span className="sr-only"> users affected</span>
        </div>
        <div className="hidden text-sm text-slate-600 sm:block dark:text-slate-400">
          <span className="sr-only">Last seen </span>
          <Time value={issue.lastSeenAt} />
        </div>
        <div className="hidden text-sm text-slate-600 sm:block dark:text-slate-400">
          <span className="sr-only">First seen </span>
          <Time value={issue.firstSeenAt} />
        </div>
      </div>
    </li>
  );
}

const SHOWN_VERSIONS = 3;

function Versions({ issue }: { issue: ApiIssue }) {
  if (issue.appVersions.length === 0 && issue.inProduction) return null;
  const shown = issue.appVersions.slice(0, SHOWN_VERSIONS);
  const more = issue.appVersions.length - shown.length;
  return (
    <p className="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      {shown.length > 0 && <span className="sr-only">App versions: </span>}
      {shown.map((version) => (
        <span key={version} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono dark:bg-slate-800">
          {version}
        </span>
      ))}
      {more > 0 && <span title={issue.appVersions.slice(SHOWN_VERSIONS).join(", ")}>+{more} more</span>}
      {!issue.inProduction && <span className="rounded bg-amber-50 px-1.5 py-0.5 text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900">Development only</span>}
    </p>
  );
}
