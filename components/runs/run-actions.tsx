"use client";
// Cancel (with a confirmation; offered only while pending or running: a finished run has nothing
// to stop) and Retry (failed or cancelled runs: a new run linked to this one, which the page then
// shows), and Retry with changes (the Run now form with this run's params, for a type with params).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Retry, Stop } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toaster";
import { fieldsOf } from "@/components/tasks/params-form";
import { RunDialog } from "@/components/tasks/run-dialog";
import type { ApiRun } from "@/lib/jobs/schemas";
import { cancelRun, getJobTypes, retryRun } from "../api";

export function RunActions({ run, project, label }: { run: ApiRun; project: { id: string; slug: string; name: string }; label: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => Promise.all(["dashboard-run", "runs", "job-types", "lane"].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
  const cancellable = run.status === "pending" || run.status === "running";
  const retryable = run.status === "failed" || run.status === "cancelled";
  const [changing, setChanging] = useState(false);
  // The type's params form (the Tasks page's query, shared), for Retry with changes.
  const jobTypes = useQuery({ queryKey: ["job-types", project.id], queryFn: async () => (await getJobTypes(project.id)).jobTypes, enabled: retryable });
  const jobType = jobTypes.data?.find((candidate) => candidate.type === run.type);
  const changeable = retryable && jobType !== undefined && fieldsOf(jobType.paramsSchema).length > 0;

  const cancel = useMutation({
    mutationFn: () => cancelRun(run.id),
    onSuccess: ({ run: updated }) =>
      toast({ title: updated.status === "cancelled" ? "Run cancelled" : "Cancel requested", description: updated.status === "cancelled" ? undefined : "The job stops at its next check and keeps the progress it made." }),
    onError: (error) => toast({ title: "Could not cancel", description: error.message, tone: "error" }),
    onSettled: async () => {
      setConfirming(false);
      await refresh();
    },
  });
  const retry = useMutation({
    mutationFn: () => retryRun(run.id),
    onSuccess: ({ run: created }) => {
      toast({ title: `${label} retried`, description: "A new run was started; this one keeps its error." });
      router.push(`/projects/${project.slug}/runs/${created.id}`);
    },
    onError: (error) => toast({ title: "Could not retry", description: error.message, tone: "error" }),
    onSettled: refresh,
  });

  return (
    <div className="flex flex-wrap gap-2">
      {cancellable && (
        <Button variant="secondary" onClick={() => setConfirming(true)} disabled={cancel.isPending}>
          <Stop className="size-4" />
          Cancel run
        </Button>
      )}
      {changeable && (
        <Button variant="secondary" onClick={() => setChanging(true)}>
          Retry with changes
        </Button>
      )}
      {retryable && (
        <Button onClick={() => retry.mutate()} disabled={retry.isPending}>
          <Retry className="size-4" />
          {retry.isPending ? "Retrying…" : "Retry"}
        </Button>
      )}
      {changeable && changing && (
        <RunDialog open onClose={() => setChanging(false)} project={project} jobType={jobType} retryOf={{ runId: run.id, params: run.params as Record<string, unknown> }} />
      )}
      <ConfirmDialog open={confirming && cancellable} title={`Cancel this ${label} run?`} confirmLabel="Cancel run" pending={cancel.isPending} onConfirm={() => cancel.mutate()} onClose={() => setConfirming(false)}>
        {run.status === "pending" ? "It has not started yet: it is cancelled at once and never runs." : "The job is asked to stop; it ends as cancelled and keeps the progress it made."}
      </ConfirmDialog>
    </div>
  );
}
