"use client";
// Runs as rows: status, type, who or what triggered it, when it was triggered (the list's order,
// as in Sidekiq's and Oban's lists; a start much later, behind a lane, shows as "waited …"), how
// long it took; for active runs a live progress bar, for queued lane runs their place in the lane,
// for failures the error. Each row opens the run.
import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useNow } from "@/components/ui/use-now";
import { formatDuration, runDurationMs, runWaitMs } from "@/lib/jobs/eta";
import { jobTypeLabel } from "@/lib/jobs/labels";
import type { ApiRun } from "@/lib/jobs/schemas";
import { RunProgress } from "./run-progress";

interface RunListProps {
  runs: ApiRun[];
  projectSlug: string;
  /** Pending lane runs' places in the lane, by run id (1 runs next). */
  lanePositions?: Record<string, number>;
}

export function RunList({ runs, projectSlug, lanePositions = {} }: RunListProps) {
  const now = useNow(runs.some((run) => run.status === "running"));
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {runs.map((run) => (
        <RunRow key={run.id} run={run} projectSlug={projectSlug} position={lanePositions[run.id]} now={now} />
      ))}
    </ul>
  );
}

function RunRow({ run, projectSlug, position, now }: { run: ApiRun; projectSlug: string; position?: number; now: number | null }) {
  const label = jobTypeLabel(run.type);
  const duration = now === null ? null : runDurationMs(run, now);
  const active = run.status === "running" || (run.status === "pending" && run.progress.processed > 0);
  const durationText = duration === null ? (run.status === "pending" ? "waiting" : "") : formatDuration(duration);
  const waited = runWaitMs(run);
  const waitedText = waited === null ? null : `waited ${formatDuration(waited)}`;
  return (
    <li data-run-id={run.id} data-run-status={run.status} className="group relative px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/40">
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 sm:grid-cols-[6.5rem_minmax(0,1fr)_10rem_7rem_5.5rem]">
        <div>
          <StatusBadge status={run.status} />
        </div>
        <div className="min-w-0">
          <Link href={`/projects/${projectSlug}/runs/${run.id}`} className="font-medium after:absolute after:inset-0 hover:underline">
            {label}
          </Link>
          {position !== undefined && (
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              {position === 1 ? "Next in lane" : `#${position} in lane`}
            </span>
          )}
        </div>
        {/* Phones: who, when and how long on one line under the name; wider screens: columns. */}
        <p className="col-start-2 truncate text-xs text-slate-600 sm:hidden dark:text-slate-400">
          <Time value={run.createdAt} />
          {waitedText && ` · ${waitedText}`}
          {durationText && ` · ${durationText}`} · {run.trigger.label}
        </p>
        <div className="hidden truncate text-sm text-slate-600 sm:block dark:text-slate-400" title={run.trigger.label}>
          {run.trigger.label}
        </div>
        <div className="hidden text-sm text-slate-600 sm:block dark:text-slate-400">
          <Time value={run.createdAt} />
          {waitedText && <span className="block text-xs text-slate-500">{waitedText}</span>}
        </div>
        <div className="hidden text-right text-sm tabular-nums text-slate-600 sm:block dark:text-slate-400">{durationText}</div>
      </div>
      {active && (
        <div className="mt-2 sm:ml-[7.25rem]">
          <RunProgress run={run} label={label} now={now} />
        </div>
      )}
      {run.status !== "running" && run.progress.message && !run.error && run.status !== "pending" && (
        <p className="mt-1 truncate text-xs text-slate-500 sm:ml-[7.25rem] dark:text-slate-400">{run.progress.message}</p>
      )}
      {run.error && (
        <p className="mt-1.5 truncate rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-700 sm:ml-[7.25rem] dark:bg-red-950/60 dark:text-red-300" title={run.error.message}>
          {run.error.message}
        </p>
      )}
    </li>
  );
}
