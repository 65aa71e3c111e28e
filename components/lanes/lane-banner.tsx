"use client";
// On every page of a project whose lane is paused: which run failed and why, how many runs wait
// behind it, and (for those who may) "Retry failed run" or "Skip it and resume".
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { getLane, getRun, retryLane, skipLane } from "../api";

export function LaneBanner({ project, canManage }: { project: { id: string; slug: string }; canManage: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirmSkip, setConfirmSkip] = useState(false);
  const lane = useQuery({
    queryKey: ["lane", project.id],
    queryFn: () => getLane(project.id),
    refetchInterval: (query) => (query.state.data?.lane.paused ? 2000 : 5000),
  });
  const pausedBy = lane.data?.lane.pausedByRunId ?? null;
  const failed = useQuery({ queryKey: ["run", pausedBy], queryFn: () => getRun(pausedBy!), enabled: pausedBy !== null });
  const refresh = () => Promise.all(["lane", "runs", "job-types", "run", "dashboard-run"].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));

  const retry = useMutation({
    mutationFn: () => retryLane(project.id),
    onSuccess: ({ run }) => toast({ title: "Lane resumed", description: `${jobTypeLabel(run.type)} runs again, first in the lane.`, action: { label: "Watch it", href: `/projects/${project.slug}/runs/${run.id}` } }),
    onError: (error) => toast({ title: "Could not retry", description: error.message, tone: "error" }),
    onSettled: refresh,
  });
  const skip = useMutation({
    mutationFn: () => skipLane(project.id),
    onSuccess: () => toast({ title: "Lane resumed", description: "The failed run was skipped; the next one starts." }),
    onError: (error) => toast({ title: "Could not skip", description: error.message, tone: "error" }),
    onSettled: async () => {
      setConfirmSkip(false);
      await refresh();
    },
  });

  const state = lane.data?.lane;
  if (!state?.paused) return null;
  const run = failed.data?.run;
  const label = run ? jobTypeLabel(run.type) : "A lane run";
  const waiting = state.queued.length;
  return (
    <section id="lane" aria-label="Lane paused" className="border-b border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/60">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
        <Alert className="hidden size-5 text-amber-600 sm:block dark:text-amber-400" />
        <div className="min-w-0 flex-1 text-sm text-amber-950 dark:text-amber-100">
          <p>
            <strong>Lane paused.</strong> {label} failed{run?.finishedAt && <> <Time value={run.finishedAt} /></>}
            {waiting > 0 ? `, and ${waiting} lane run${waiting === 1 ? " waits" : "s wait"} behind it.` : "."}{" "}
            {pausedBy && (
              <Link href={`/projects/${project.slug}/runs/${pausedBy}`} className="font-medium underline underline-offset-2">
                View the failed run
              </Link>
            )}
          </p>
          {state.error && <p className="mt-0.5 truncate font-mono text-xs text-amber-900 dark:text-amber-200" title={state.error.message}>{state.error.message}</p>}
        </div>
        {canManage && (
          <div className="flex shrink-0 gap-2">
            <Button size="sm" onClick={() => retry.mutate()} disabled={retry.isPending || skip.isPending}>
              {retry.isPending ? "Retrying…" : "Retry failed run"}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setConfirmSkip(true)} disabled={retry.isPending || skip.isPending}>
              Skip it and resume
            </Button>
          </div>
        )}
      </div>
      <ConfirmDialog open={confirmSkip} title={`Skip the failed ${label}?`} confirmLabel="Skip and resume" pending={skip.isPending} onConfirm={() => skip.mutate()} onClose={() => setConfirmSkip(false)}>
        Its work is dropped (the run stays failed, with its error) and the next lane run starts.
      </ConfirmDialog>
    </section>
  );
}
