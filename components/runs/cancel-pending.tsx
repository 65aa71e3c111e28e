"use client";
// "Cancel pending" on the Runs page: every pending run of the type in view (or of all types),
// counted first (the API's dryRun) so the dialog says how many, then cancelled one by one the way
// Cancel run does it (lib/jobs/bulk.ts).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Stop } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toaster";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { plural } from "@/lib/plural";
import { cancelPendingRuns } from "../api";

export function CancelPending({ project, type }: { project: { id: string; name: string }; type?: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const scope = type ? { type } : {};
  const what = type ? `pending ${jobTypeLabel(type)} run` : "pending run";
  const preview = useQuery({ queryKey: ["cancel-pending", project.id, type ?? null], queryFn: () => cancelPendingRuns(project.id, { ...scope, dryRun: true }), enabled: open, staleTime: 0 });
  const cancel = useMutation({
    mutationFn: () => cancelPendingRuns(project.id, scope),
    onSuccess: (answer) => {
      const stopping = answer.stopping ?? 0;
      toast({ title: `Cancelled ${plural(answer.cancelled ?? 0, what)}`, description: stopping > 0 ? `${plural(stopping, "run")} had started and ${stopping === 1 ? "was" : "were"} asked to stop.` : undefined });
      setOpen(false);
    },
    onError: (error) => toast({ title: "Could not cancel the pending runs", description: error.message, tone: "error" }),
    onSettled: () => Promise.all(["runs", "job-types", "lane"].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
  const pending = preview.data?.pending;
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <Stop className="size-3.5" />
        Cancel pending
      </Button>
      <ConfirmDialog
        open={open}
        title={pending === undefined ? `Cancel the ${what}s?` : pending === 0 ? "Nothing is pending" : `Cancel ${plural(pending, what)}?`}
        confirmLabel={pending === undefined ? "Cancel runs" : `Cancel ${plural(pending, "run")}`}
        pending={cancel.isPending}
        disabled={preview.isPending || pending === 0}
        onConfirm={() => cancel.mutate()}
        onClose={() => setOpen(false)}
      >
        {preview.isError ? (
          <p role="alert">Could not count them: {preview.error.message}</p>
        ) : pending === undefined ? (
          <p>Counting the runs…</p>
        ) : pending === 0 ? (
          <p>No run of {type ? jobTypeLabel(type) : "any type"} is waiting to start in {project.name}.</p>
        ) : (
          <p>They never start: each is cancelled as Cancel run does it. Running runs are not touched.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
