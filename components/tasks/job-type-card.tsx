"use client";
// One job type: what it does, when it runs, how its recent runs went, and "Run now" (or, while a
// run is active, a link to it). The card reads its state at a glance (issue 20): running (with its
// bar), failing (its last error), healthy, or never run; "Run now" is the primary action only
// where running it is the next thing to do (never run, or failing), a quiet one elsewhere.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Play } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { formatDuration } from "@/lib/jobs/eta";
import { scheduleInWords } from "@/lib/jobs/schedule-text";
import type { DashboardJobType } from "../api";
import { RunDialog } from "./run-dialog";

function scheduleText(jobType: DashboardJobType): string {
  if (jobType.intervalMinutes) return `Every ${jobType.intervalMinutes} minutes for this project, and when triggered`;
  if (jobType.projectSchedule) return "When triggered; can run on an interval (Schedules)";
  return scheduleInWords(jobType.schedule);
}

type CardState = "running" | "waiting" | "failing" | "healthy" | "never";

const stateChips: Record<CardState, { label: string; className: string }> = {
  running: { label: "Running", className: "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800" },
  waiting: { label: "Queued", className: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600" },
  failing: { label: "Failing", className: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800" },
  healthy: { label: "Healthy", className: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800" },
  never: { label: "Never run", className: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600" },
};

function cardState(stats: DashboardJobType["stats"]): CardState | null {
  if (!stats) return null;
  if (stats.activeRun) return stats.activeRun.status === "running" ? "running" : "waiting";
  if (!stats.lastRun) return "never";
  return stats.lastRun.status === "failed" ? "failing" : "healthy";
}

export function JobTypeCard({ project, jobType, canRun }: { project: { id: string; slug: string; name: string }; jobType: DashboardJobType; canRun: boolean }) {
  const [open, setOpen] = useState(false);
  const { stats } = jobType;
  const active = stats?.activeRun ?? null;
  const recent = stats?.recent;
  const state = cardState(stats);
  // Members without jobs:read see no stats, so nothing suggests what to run first: a quiet button.
  const primary = state === "never" || state === "failing";
  return (
    <article
      aria-label={jobType.label}
      data-state={state ?? undefined}
      className={`flex flex-col rounded-xl border bg-white p-5 shadow-sm dark:bg-slate-900 ${state === "failing" ? "border-red-300 dark:border-red-900" : "border-slate-200 dark:border-slate-800"}`}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="font-semibold">{jobType.label}</h2>
          {/* A type has no spaces: it breaks anywhere rather than sticking out of a narrow card. */}
          <p className="mt-0.5 font-mono text-xs break-all text-slate-600 dark:text-slate-400">{jobType.type}</p>
        </div>
        <div className="flex shrink-0 flex-wrap justify-end gap-1.5">
          {jobType.ordering === "lane" && (
            <span title="Runs one at a time per project, in the order triggered; a failure pauses the lane" className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-violet-200 ring-inset dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800">
              Lane
            </span>
          )}
          {state && <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${stateChips[state].className}`}>{stateChips[state].label}</span>}
        </div>
      </div>
      {/* Three lines at most and at least, so the cards' history rows line up across a row. */}
      <p className="mt-2 line-clamp-3 min-h-[3.75rem] text-sm text-slate-600 dark:text-slate-400" title={jobType.description}>
        {jobType.description}
      </p>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{scheduleText(jobType)}</p>
      {state === "failing" && stats?.lastRun?.error && (
        <Link
          href={`/projects/${project.slug}/runs/${stats.lastRun.id}`}
          className="mt-3 block rounded-md bg-red-50 px-2.5 py-1.5 font-mono text-xs text-red-800 hover:bg-red-100 dark:bg-red-950/60 dark:text-red-200 dark:hover:bg-red-950"
          title={stats.lastRun.error}
        >
          <span className="sr-only">Last error: </span>
          <span className="line-clamp-2 [overflow-wrap:anywhere]">{stats.lastRun.error}</span>
        </Link>
      )}

      {stats && (
        <dl className="mt-4 grid grid-cols-2 gap-3 border-t border-slate-100 pt-3 text-xs dark:border-slate-800">
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Last run</dt>
            {/* Badge and time on one line in every card, the time cut rather than wrapped. */}
            <dd className="mt-1 flex min-w-0 items-center gap-1.5 whitespace-nowrap">
              {stats.lastRun ? (
                <>
                  {/* Named by its words, the badge's status last, so the name holds what it shows (WCAG 2.5.3). */}
                  <Link href={`/projects/${project.slug}/runs/${stats.lastRun.id}`}>
                    <span className="sr-only">Last run of {jobType.label}: </span>
                    <StatusBadge status={stats.lastRun.status} />
                  </Link>
                  <span className="min-w-0 truncate text-slate-600 dark:text-slate-400">
                    <Time value={stats.lastRun.createdAt} />
                  </span>
                </>
              ) : (
                <span className="text-slate-600 dark:text-slate-400">Never run</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Recent runs</dt>
            <dd className="mt-1 text-slate-700 dark:text-slate-300">
              {recent && recent.successPercent !== null ? (
                <>
                  <span className="font-medium">{recent.successPercent}%</span> of {recent.completed + recent.failed} succeeded
                  {/* Stopped by someone, not broken: shown, but outside the rate. */}
                  {recent.cancelled > 0 && <span className="block text-slate-600 dark:text-slate-400">{recent.cancelled} cancelled, not counted</span>}
                  {recent.medianSeconds !== null && <span className="block text-slate-600 dark:text-slate-400">median {formatDuration(recent.medianSeconds * 1000)}</span>}
                </>
              ) : (
                <span className="text-slate-600 dark:text-slate-400">{recent && recent.cancelled > 0 ? `${recent.cancelled} cancelled, none completed or failed` : "No finished runs yet"}</span>
              )}
            </dd>
          </div>
        </dl>
      )}

      <div className="mt-auto pt-4">
        {active ? (
          <Link
            href={`/projects/${project.slug}/runs/${active.id}`}
            className="block rounded-lg border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-800 hover:bg-blue-100 dark:border-blue-900 dark:bg-blue-950/60 dark:text-blue-200 dark:hover:bg-blue-950"
          >
            <span className="flex items-center justify-between gap-2">
              <span className="font-medium">{active.status === "running" ? "Running now" : "Waiting to start"}</span>
              <span className="text-xs">{active.percent === null ? "View run →" : `${active.percent}% · View run →`}</span>
            </span>
            {active.status === "running" && (
              <span className="mt-2 block">
                <ProgressBar percent={active.percent} label={`${jobType.label} progress`} />
              </span>
            )}
          </Link>
        ) : (
          canRun && (
            // "Run <job> now" from its own words (the job's name read, not shown), not an aria-label that
            // would hide the visible "Run now" from speech input (WCAG 2.5.3).
            <Button variant={primary ? "primary" : "secondary"} onClick={() => setOpen(true)}>
              <Play className="size-4" />
              <span>
                Run<span className="sr-only"> {jobType.label}</span> now
              </span>
            </Button>
          )
        )}
      </div>
      {canRun && <RunDialog open={open} onClose={() => setOpen(false)} project={project} jobType={jobType} />}
    </article>
  );
}
