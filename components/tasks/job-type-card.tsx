"use client";
// One job type: what it does, and "Run now" with "Notify me when done".
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiRequestError, triggerJob } from "./api";

export interface JobTypeSummary {
  type: string;
  label: string;
  description: string;
  schedule: string | null;
  ordering: string;
}

export function JobTypeCard({ projectId, jobType, canRun }: { projectId: string; jobType: JobTypeSummary; canRun: boolean }) {
  const queryClient = useQueryClient();
  const notifyId = useId();
  const [notify, setNotify] = useState(false);
  const trigger = useMutation({
    mutationFn: () => triggerJob(projectId, { type: jobType.type, notify }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["runs", projectId] }),
  });
  const error = trigger.error;

  return (
    <article
      aria-label={jobType.label}
      className="flex flex-col justify-between rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <h3 className="font-medium">{jobType.label}</h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{jobType.description}</p>
        <p className="mt-2 text-xs text-slate-500">{jobType.schedule ? `Schedule: ${jobType.schedule} (UTC)` : "Runs when triggered"}</p>
      </div>
      {canRun && (
        <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
          <label htmlFor={notifyId} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input id={notifyId} type="checkbox" checked={notify} onChange={(event) => setNotify(event.target.checked)} className="size-4 rounded border-slate-300" />
            Notify me when done
          </label>
          <Button onClick={() => trigger.mutate()} disabled={trigger.isPending} aria-label={`Run ${jobType.label} now`}>
            {trigger.isPending ? "Starting…" : "Run now"}
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
          {error instanceof ApiRequestError && error.code === "job_already_running" ? "Already running: see the run below." : error.message}
        </p>
      )}
    </article>
  );
}
