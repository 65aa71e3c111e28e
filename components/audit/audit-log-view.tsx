// The team's audit log: newest first, filtered by project and action through the address (so a
// filtered view is a link to share), paged by cursor. Each row says what, who, from where, when.
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { auditActions, type AuditAction } from "@/lib/jobs/audit-actions";
import type { AuditLogPage } from "@/lib/jobs/audit";
import { auditLinkedRun, auditSentence, surfaceLabels } from "./audit-text";
import { AuditFilters } from "./audit-filters";

export const actionLabels: Record<AuditAction, string> = {
  "run.triggered": "Triggered",
  "run.cancelled": "Cancelled",
  "run.retried": "Retried",
  "lane.retried": "Lane retried",
  "lane.skipped": "Lane skipped",
  "schedule.changed": "Schedule changed",
  "failures.retried": "Retry all",
  "runs.cancelled": "Cancel pending",
};

interface Props {
  team: { slug: string; name: string };
  projects: Array<{ slug: string; name: string }>;
  filters: { project: string | null; action: AuditAction | null };
  problems: string[];
  page: AuditLogPage;
  firstPage: boolean;
}

export function AuditLogView({ team, projects, filters, problems, page, firstPage }: Props) {
  const base = `/teams/${team.slug}/audit`;
  const query = (extra: Record<string, string | null>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ project: filters.project, action: filters.action, ...extra })) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description={`Who triggered, cancelled, retried and skipped runs, and changed schedules, in ${team.name}'s projects.`} />
      <AuditFilters
        base={base}
        projects={projects}
        actions={auditActions.map((action) => ({ value: action, label: actionLabels[action] }))}
        selected={filters}
      />
      {problems.length > 0 && (
        <ul role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {page.entries.length === 0 ? (
        <EmptyState title={firstPage ? "Nothing in the audit log yet" : "No older events"}>
          {firstPage ? "Runs triggered, cancelled or retried from the dashboard, the API, the CLI or MCP appear here." : <Link href={query({})} className="text-indigo-700 underline dark:text-indigo-300">Back to the newest</Link>}
        </EmptyState>
      ) : (
        <ol className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" aria-label="Audit events">
          {page.entries.map((entry) => {
            const linked = auditLinkedRun(entry);
            const runHref = entry.runId ? `/projects/${entry.project.slug}/runs/${entry.runId}` : null;
            return (
              <li key={entry.id} data-action={entry.action} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-start sm:gap-4">
                <div className="shrink-0 text-slate-600 sm:w-48 dark:text-slate-400">
                  <Time value={entry.at} mode="datetime" />
                </div>
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words">
                    {runHref ? (
                      <Link href={runHref} className="hover:underline">
                        {auditSentence(entry)}
                      </Link>
                    ) : (
                      auditSentence(entry)
                    )}
                  </p>
                  <p className="break-words text-slate-600 dark:text-slate-400">
                    {entry.actor.label} · from the {surfaceLabels[entry.surface]} · {entry.project.name}
                    {linked && (
                      <>
                        {" · "}
                        <Link href={`/projects/${entry.project.slug}/runs/${linked.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                          open {linked.label}
                        </Link>
                      </>
                    )}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <nav aria-label="Audit log pages" className="flex justify-between text-sm">
        {firstPage ? <span /> : <Link href={query({})} className="text-indigo-700 hover:underline dark:text-indigo-300">Newest</Link>}
        {page.nextCursor && (
          <Link href={query({ before: page.nextCursor })} className="text-indigo-700 hover:underline dark:text-indigo-300">
            Older events
          </Link>
        )}
      </nav>
    </div>
  );
}
