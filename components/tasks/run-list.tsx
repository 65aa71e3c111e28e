// The runs of a project, newest first: status, progress and, for failures, the error.
import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ApiRun } from "./api";

export function RunList({ runs, labels }: { runs: ApiRun[]; labels: Record<string, string> }) {
  if (runs.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        No runs yet. Press <strong>Run now</strong> on a job type above to start one.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} label={labels[run.type] ?? run.type} />
      ))}
    </ul>
  );
}

function RunRow({ run, label }: { run: ApiRun; label: string }) {
  const { progress } = run;
  const counts = progress.total === null ? `${progress.processed}` : `${progress.processed} / ${progress.total}`;
  const tone = run.status === "failed" ? "failed" : run.status === "completed" ? "done" : "active";
  // A running run always shows a bar (indeterminate until it knows its total); a finished run only
  // when it got as far as knowing how much there was to do.
  const showBar = run.status === "running" || (run.status !== "pending" && progress.total !== null);
  return (
    <li data-run-id={run.id} data-run-status={run.status} className="space-y-2 px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <StatusBadge status={run.status} />
          <span className="font-medium">{label}</span>
        </div>
        <span className="text-xs text-slate-500">
          by {run.trigger.label} · <time dateTime={run.createdAt} title={run.createdAt}>{new Date(run.createdAt).toLocaleString()}</time>
        </span>
      </div>
      {showBar && (
        <div className="flex items-center gap-3">
          <ProgressBar percent={progress.percent} label={`${label} progress`} tone={tone} />
          <span className="w-24 shrink-0 text-right text-xs tabular-nums text-slate-600 dark:text-slate-400">
            {progress.percent === null ? counts : `${progress.percent}% · ${counts}`}
          </span>
        </div>
      )}
      {progress.message && <p className="text-sm text-slate-600 dark:text-slate-400">{progress.message}</p>}
      {run.error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          <span className="font-medium">Error:</span> {run.error.message}
        </p>
      )}
    </li>
  );
}
