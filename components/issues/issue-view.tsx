// One issue in full: its status and numbers, the latest message and stack, and its newest events;
// admins and owners resolve or ignore it here.
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { ApiIssueDetail } from "@/lib/issues/schemas";
import { IssueActions } from "./issue-actions";
import { IssueStatusBadge } from "./issue-status-badge";
import { RecentEvents } from "./recent-events";

const statusNotes: Record<ApiIssueDetail["status"], string> = {
  new: "Seen for the first time and not resolved or ignored yet.",
  regressed: "It was resolved, then happened again in production.",
  resolved: "Marked resolved: it comes back as regressed if it happens again in production.",
  ignored: "Ignored: its events are still counted, but it never comes back as regressed or announced.",
};

export function IssueView({ project, issue, canManage }: { project: { id: string; slug: string }; issue: ApiIssueDetail; canManage: boolean }) {
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        <Link href={`/projects/${project.slug}/issues`} className="hover:underline">
          Issues
        </Link>{" "}
        / <span className="font-mono text-xs">{issue.id.slice(0, 8)}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="min-w-0 text-xl font-semibold tracking-tight break-words">{issue.title}</h1>
            <IssueStatusBadge status={issue.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{statusNotes[issue.status]}</p>
        </div>
        {canManage && <IssueActions project={project} issue={issue} />}
      </div>

      <dl className="grid grid-cols-2 gap-4 rounded-xl border border-slate-200 bg-white p-5 text-sm sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900">
        <Fact label="Events">{issue.count.toLocaleString("en-US")}</Fact>
        <Fact label="Users affected">{issue.usersAffected.toLocaleString("en-US")}</Fact>
        <Fact label="First seen">
          <Time value={issue.firstSeenAt} />
        </Fact>
        <Fact label="Last seen">
          <Time value={issue.lastSeenAt} />
        </Fact>
        <Fact label="Seen in">{issue.inProduction ? "Production" : "Development only"}</Fact>
        {issue.resolvedAt ? (
          <Fact label="Resolved">
            <Time value={issue.resolvedAt} />
          </Fact>
        ) : (
          <Fact label="Error type">{issue.errorType ? <span className="font-mono text-xs break-all">{issue.errorType}</span> : "—"}</Fact>
        )}
        <div className="col-span-full">
          <dt className="text-xs text-slate-500 dark:text-slate-400">App versions</dt>
          <dd className="mt-1 flex flex-wrap gap-1">
            {issue.appVersions.length === 0
              ? "None reported"
              : issue.appVersions.map((version) => (
                  <span key={version} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                    {version}
                  </span>
                ))}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="message-heading" className="rounded-xl border border-red-200 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950/50">
        <h2 id="message-heading" className="text-sm font-semibold text-red-800 dark:text-red-200">
          Latest message
        </h2>
        <p className="mt-1 font-mono text-sm break-words text-red-800 dark:text-red-200">{issue.message ?? "The latest event had no message."}</p>
      </section>

      <section aria-labelledby="stack-heading" className="min-w-0 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="stack-heading" className="text-sm font-semibold">
          Stack
        </h2>
        {issue.stack ? (
          // Lines keep their shape and scroll sideways inside the block; focusable to scroll from the keyboard.
          <pre tabIndex={0} aria-labelledby="stack-heading" className="mt-3 max-h-[28rem] overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-slate-950 dark:text-slate-200">
            {issue.stack}
          </pre>
        ) : (
          <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">The latest event sent no stack.</p>
        )}
      </section>

      <RecentEvents events={issue.recentEvents} />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 font-medium">{children}</dd>
    </div>
  );
}
