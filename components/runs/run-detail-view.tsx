"use client";
// One run in full: status and progress (live while it is active), the timeline, who or what
// triggered it, params, result, error, the run it retries and its retries, with Cancel and Retry.
// The error's stack is the server owner's (`taskdeck admin runs show`), never the dashboard's.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { CopyButton } from "@/components/ui/copy-button";
import { StatusBadge } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useNow } from "@/components/ui/use-now";
import { formatDuration } from "@/lib/jobs/eta";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { getDashboardRun, getLane, type DashboardRun } from "../api";
import { runPageRefreshMs } from "./refresh";
import { RunActions } from "./run-actions";
import { RunActivity } from "./run-activity";
import { RunLogs } from "./run-logs";
import { RunProgress } from "./run-progress";
import { RunTimeline } from "./run-timeline";

const triggerKinds: Record<string, string> = { user: "A person, from the dashboard", api_key: "An API key", schedule: "A schedule", retry: "A retry", admin_cli: "The server owner's admin CLI" };

export function RunDetailView({ project, initial, canManage }: { project: { id: string; slug: string; name: string }; initial: DashboardRun; canManage: boolean }) {
  const detail = useQuery({
    queryKey: ["dashboard-run", initial.run.id],
    queryFn: () => getDashboardRun(initial.run.id),
    initialData: initial,
    refetchInterval: (query) => runPageRefreshMs(query.state.data),
  });
  const { run, links } = detail.data;
  const label = jobTypeLabel(run.type);
  const now = useNow(run.status === "running");
  // A pending run may be held back by the project's paused lane (the banner's query, shared).
  const lane = useQuery({ queryKey: ["lane", project.id], queryFn: () => getLane(project.id), enabled: run.status === "pending", refetchInterval: 5000 });
  const blockedByLane = run.status === "pending" && lane.data?.lane.paused === true && lane.data.lane.queued.some((queued) => queued.id === run.id);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        {/* The run's id is shown once, in the header with its copy button (issue 20). */}
        <Link href={`/projects/${project.slug}/runs`} className="hover:underline">
          ← Runs
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold tracking-tight">{label}</h1>
            <StatusBadge status={run.status} />
          </div>
          <p className="mt-1 flex flex-wrap items-center gap-1 font-mono text-xs text-slate-500 dark:text-slate-400">
            <span className="[overflow-wrap:anywhere]">{run.id}</span>
            <CopyButton value={run.id} label="Copy run id" className="font-sans" />
          </p>
        </div>
        {canManage && <RunActions run={run} project={project} label={label} />}
      </div>

      {run.error && (
        <section aria-labelledby="error-heading" className="rounded-xl border border-red-200 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950/50">
          <h2 id="error-heading" className="text-sm font-semibold text-red-800 dark:text-red-200">
            Error
          </h2>
          <p className="mt-1 font-mono text-sm [overflow-wrap:anywhere] text-red-800 dark:text-red-200">{run.error.message}</p>

        </section>
      )}

      {/* minmax(0, …) on phones too: a long unbroken value must not widen the page. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="progress-heading" className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="progress-heading" className="text-sm font-semibold">
              Progress
            </h2>
            <div className="mt-3">
              {blockedByLane ? (
                <p className="text-sm text-amber-800 dark:text-amber-300">
                  Blocked: the lane is paused by a failed run, and this run starts once that run is retried or skipped.{" "}
                  <a href="#lane" className="font-medium underline underline-offset-2">
                    See the lane
                  </a>
                </p>
              ) : run.status === "pending" && run.progress.processed === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">Waiting for a worker to start it.</p>
              ) : run.finishedAt && run.progress.processed === 0 && run.progress.total === null && !run.progress.message ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">It reported no progress before it ended.</p>
              ) : (
                <RunProgress run={run} label={label} now={now} size="md" />
              )}
            </div>
          </section>
          <Json title="Params" value={run.params} empty="No params" />
          {run.result !== null && run.result !== undefined && <Json title="Result" value={run.result} empty="No result" />}
          <RunLogs runId={run.id} active={run.status === "pending" || run.status === "running"} />
        </div>
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="timeline-heading" className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="timeline-heading" className="text-sm font-semibold">
              Timeline
            </h2>
            <RunTimeline run={run} now={now} />
          </section>
          <RunActivity projectSlug={project.slug} entries={detail.data.activity} />
          <section aria-labelledby="about-heading" className="rounded-xl border border-slate-200 bg-white p-5 text-sm dark:border-slate-800 dark:bg-slate-900">
            <h2 id="about-heading" className="text-sm font-semibold">
              About this run
            </h2>
            <dl className="mt-3 space-y-3">
              <Row label="Triggered by">
                {run.trigger.label}
                <span className="block text-xs text-slate-500 dark:text-slate-400">{triggerKinds[run.trigger.kind] ?? run.trigger.kind}</span>
              </Row>
              <Row label="Job type">
                <span className="font-mono text-xs">{run.type}</span>
              </Row>
              <Row label="Email when done">{run.notify ? "Yes" : "No"}</Row>
              {links.retryOf && (
                <Row label="Retry of">
                  <Link href={`/projects/${project.slug}/runs/${links.retryOf.id}`} className="inline-flex items-center gap-2 hover:underline">
                    <span className="font-mono text-xs">{links.retryOf.id.slice(0, 8)}</span> <StatusBadge status={links.retryOf.status} />
                  </Link>
                </Row>
              )}
              {links.retries.length > 0 && (
                <Row label="Retried as">
                  <ul className="space-y-1">
                    {links.retries.map((retry) => (
                      <li key={retry.id}>
                        <Link href={`/projects/${project.slug}/runs/${retry.id}`} className="inline-flex items-center gap-2 hover:underline">
                          <span className="font-mono text-xs">{retry.id.slice(0, 8)}</span> <StatusBadge status={retry.status} /> <Time value={retry.createdAt} />
                        </Link>
                      </li>
                    ))}
                  </ul>
                </Row>
              )}
              {run.finishedAt && run.startedAt && <Row label="Took">{formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}</Row>}
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

function Json({ title, value, empty }: { title: string; value: unknown; empty: string }) {
  const isEmpty = value === null || value === undefined || (typeof value === "object" && Object.keys(value as object).length === 0);
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-sm font-semibold">{title}</h2>
      {/* Long tokens and URLs wrap anywhere rather than scroll the block (or the page) sideways. */}
      {isEmpty ? (
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{empty}</p>
      ) : (
        <pre className="mt-3 max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-slate-950">{JSON.stringify(value, null, 2)}</pre>
      )}
    </section>
  );
}
