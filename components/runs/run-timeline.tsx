"use client";
// Created → started → finished, with how long it waited and how long it ran; each time in the
// viewer's zone, UTC on hover.
import { Time } from "@/components/ui/time";
import { formatDuration } from "@/lib/jobs/eta";
import type { ApiRun } from "@/lib/jobs/schemas";

export function RunTimeline({ run, now }: { run: ApiRun; now: number | null }) {
  const steps: Array<{ label: string; at: string | null; note?: string; tone: string }> = [
    { label: "Created", at: run.createdAt, tone: "bg-slate-400" },
    {
      label: "Started",
      at: run.startedAt,
      note: run.startedAt ? `after ${formatDuration(Date.parse(run.startedAt) - Date.parse(run.createdAt))} in the queue` : run.status === "cancelled" ? "never started" : "waiting for a worker",
      tone: run.startedAt ? "bg-blue-500" : "bg-slate-200 dark:bg-slate-700",
    },
    {
      label: run.status === "completed" ? "Completed" : run.status === "failed" ? "Failed" : run.status === "cancelled" ? "Cancelled" : "Finished",
      at: run.finishedAt,
      note: run.finishedAt
        ? run.startedAt
          ? `after ${formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))} of work`
          : undefined
        : run.startedAt && now !== null
          ? `running for ${formatDuration(now - Date.parse(run.startedAt))}`
          : "not yet",
      tone: run.status === "completed" ? "bg-emerald-500" : run.status === "failed" ? "bg-red-500" : run.status === "cancelled" ? "bg-amber-500" : "bg-slate-200 dark:bg-slate-700",
    },
  ];
  return (
    <ol className="mt-3 space-y-3">
      {steps.map((step) => (
        <li key={step.label} className="flex gap-3">
          <span aria-hidden="true" className={`mt-1.5 size-2.5 shrink-0 rounded-full ${step.tone}`} />
          <div className="text-sm">
            <p className="font-medium">{step.label}</p>
            <p className="text-slate-600 dark:text-slate-400">{step.at ? <Time value={step.at} mode="datetime" /> : "—"}</p>
            {step.note && <p className="text-xs text-slate-500 dark:text-slate-400">{step.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
