"use client";
// Runs as a table: status, type, run id, who or what triggered it, when it was triggered (the
// list's order, as in Sidekiq's and Oban's lists; a start much later, behind a lane, shows as
// "waited …"), how long it took, and its progress: a live bar while active, the error once failed,
// a queued lane run's place in the lane, or that the paused lane holds it back. On a phone the same
// rows stack into a list (issue 20): ARIA table roles keep it a table for screen readers at every
// width, since CSS display changes would strip a <table>'s. Each row opens the run.
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
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
  /** The lane is paused by a failed run: its queued runs wait for the lane banner's Retry or Skip. */
  lanePaused?: boolean;
  /** The table's name for screen readers. */
  label?: string;
}

// One column template for the header and every row, so the columns line up (sm and wider).
const columns = "sm:grid sm:grid-cols-[6.5rem_minmax(9rem,1.1fr)_5.5rem_minmax(7rem,1fr)_8.5rem_5.5rem_minmax(10rem,1.6fr)] sm:items-center sm:gap-x-4";
const headers = ["Status", "Job type", "Run", "Trigger", "Triggered", "Duration", "Progress"];

export function RunList({ runs, projectSlug, lanePositions = {}, lanePaused = false, label = "Runs" }: RunListProps) {
  const now = useNow(runs.some((run) => run.status === "running"));
  return (
    <div role="table" aria-label={label} aria-rowcount={runs.length + 1} className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div role="rowgroup" className="hidden border-b border-slate-200 bg-slate-50 sm:block dark:border-slate-800 dark:bg-slate-800/50">
        <div role="row" className={`${columns} px-4 py-2`}>
          {headers.map((header) => (
            <span key={header} role="columnheader" className={`text-xs font-semibold text-slate-600 dark:text-slate-300 ${header === "Duration" ? "text-right" : ""}`}>
              {header}
            </span>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="divide-y divide-slate-100 dark:divide-slate-800">
        {runs.map((run) => (
          <RunRow key={run.id} run={run} projectSlug={projectSlug} position={lanePositions[run.id]} lanePaused={lanePaused} now={now} />
        ))}
      </div>
    </div>
  );
}

interface RunRowProps {
  run: ApiRun;
  projectSlug: string;
  position?: number;
  lanePaused: boolean;
  now: number | null;
}

function RunRow({ run, projectSlug, position, lanePaused, now }: RunRowProps) {
  const label = jobTypeLabel(run.type);
  const duration = now === null ? null : runDurationMs(run, now);
  const active = run.status === "running" || (run.status === "pending" && run.progress.processed > 0);
  const blocked = lanePaused && run.status === "pending" && position !== undefined;
  const durationText = duration === null ? (run.status === "pending" ? (blocked ? "blocked" : "waiting") : "") : formatDuration(duration);
  const waited = runWaitMs(run);
  const waitedText = waited === null ? null : `waited ${formatDuration(waited)}`;
  return (
    <div role="row" data-run-id={run.id} data-run-status={run.status} className={`group relative px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/40 ${columns}`}>
      {/* Phones: badge and name on one line, then who, when and how long, then the progress. */}
      <div className="flex items-center gap-3 sm:contents">
        <span role="cell">
          <StatusBadge status={run.status} />
        </span>
        <span role="cell" className="min-w-0">
          <Link href={`/projects/${projectSlug}/runs/${run.id}`} className="font-medium text-slate-900 after:absolute after:inset-0 hover:underline dark:text-slate-100">
            {label}
          </Link>
          {position !== undefined && !blocked && (
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              {position === 1 ? "Next in lane" : `#${position} in lane`}
            </span>
          )}
        </span>
      </div>
      <span role="cell" className="hidden items-center gap-0.5 font-mono text-xs text-slate-600 sm:flex dark:text-slate-400" title={run.id}>
        <span className="sr-only">Run id </span>
        {run.id.slice(0, 8)}
        {/* Above the row's link, which covers the row: copying does not open the run. */}
        <CopyButton value={run.id} label={`Copy run id ${run.id.slice(0, 8)}`} compact className="relative z-10 font-sans" />
      </span>
      <span role="cell" className="mt-1 block truncate text-xs text-slate-600 sm:hidden dark:text-slate-400">
        <Time value={run.createdAt} />
        {waitedText && ` · ${waitedText}`}
        {durationText && ` · ${durationText}`} · {run.trigger.label}
      </span>
      <span role="cell" className="hidden truncate text-sm text-slate-600 sm:block dark:text-slate-400" title={run.trigger.label}>
        {run.trigger.label}
      </span>
      <span role="cell" className="hidden text-sm text-slate-600 sm:block dark:text-slate-400">
        <Time value={run.createdAt} />
        {waitedText && <span className="block text-xs text-slate-600 dark:text-slate-400">{waitedText}</span>}
      </span>
      <span role="cell" className="hidden text-right text-sm tabular-nums text-slate-600 sm:block dark:text-slate-400">
        {durationText}
      </span>
      <div role="cell" className="mt-2 min-w-0 sm:mt-0">
        <RunOutcome run={run} label={label} now={now} active={active} blocked={blocked} />
      </div>
    </div>
  );
}

/** The progress column: what the run is doing, or how it ended. */
function RunOutcome({ run, label, now, active, blocked }: { run: ApiRun; label: string; now: number | null; active: boolean; blocked: boolean }) {
  if (blocked) {
    // Above the row's covering link, so the banner is one click away.
    return (
      <a href="#lane" className="relative z-10 text-xs font-medium text-amber-800 underline underline-offset-2 hover:text-amber-950 dark:text-amber-300 dark:hover:text-amber-200">
        Blocked: the lane is paused by a failed run
      </a>
    );
  }
  if (active) return <RunProgress run={run} label={label} now={now} />;
  if (run.error) {
    return (
      <p className="truncate rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-700 dark:bg-red-950/60 dark:text-red-300" title={run.error.message}>
        {run.error.message}
      </p>
    );
  }
  if (run.status !== "pending" && run.progress.message) return <p className="truncate text-xs text-slate-600 dark:text-slate-400">{run.progress.message}</p>;
  return null;
}
