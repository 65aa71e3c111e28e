"use client";
// A run's progress as a bar with percent, counts, message and the time left.
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatRemaining, remainingMs } from "@/lib/jobs/eta";
import type { ApiRun } from "@/lib/jobs/schemas";

const toneOf = (status: ApiRun["status"]) => (status === "failed" ? "failed" : status === "completed" ? "done" : status === "cancelled" ? "cancelled" : "active");

export function RunProgress({ run, label, now, size = "sm" }: { run: ApiRun; label: string; now: number | null; size?: "sm" | "md" }) {
  const { processed, total, percent, message } = run.progress;
  const eta = now === null ? null : formatRemaining(remainingMs(run, now));
  // An unknown total means "working, amount unknown" while running; a run that ended without one
  // gets no bar at all rather than a bar that pretends to move.
  const showBar = percent !== null || run.status === "running" || run.status === "pending";
  return (
    <div className="min-w-0 space-y-1.5">
      {showBar && (
        <div className="flex items-center gap-3">
          <ProgressBar percent={percent} label={`${label} progress`} tone={toneOf(run.status)} size={size} />
          <span className="shrink-0 text-xs font-medium tabular-nums text-slate-700 dark:text-slate-300">{percent === null ? "…" : `${percent}%`}</span>
        </div>
      )}
      <p className="flex flex-wrap gap-x-2 text-xs text-slate-600 dark:text-slate-400">
        <span className="tabular-nums">{total === null ? `${processed} processed` : `${processed} / ${total}`}</span>
        {message && (
          <>
            <span aria-hidden="true">·</span>
            <span className="min-w-0 truncate">{message}</span>
          </>
        )}
        {eta && (
          <>
            <span aria-hidden="true">·</span>
            <span>{eta}</span>
          </>
        )}
      </p>
    </div>
  );
}
