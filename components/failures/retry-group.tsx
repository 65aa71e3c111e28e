"use client";
// "Retry all" on a failure group: asks the live count first (the API's dryRun, so the dialog says
// exactly how many), then retries them: the first at once, the rest one after another as each ends,
// since a job type has one active run per project (lib/jobs/bulk.ts).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Retry } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toaster";
import type { FailureWindow } from "@/lib/jobs/failures";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { plural } from "@/lib/plural";
import { retryFailureGroup } from "../api";

interface RetryGroupProps {
  project: { id: string; slug: string; name: string };
  group: { type: string; fingerprint: string; message: string };
  window: FailureWindow;
}

export function RetryGroup({ project, group, window }: RetryGroupProps) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const label = jobTypeLabel(group.type);
  const body = { type: group.type, fingerprint: group.fingerprint, window };
  const preview = useQuery({ queryKey: ["group-retry", project.id, body], queryFn: () => retryFailureGroup(project.id, { ...body, dryRun: true }), enabled: open, staleTime: 0 });
  const retry = useMutation({
    mutationFn: () => retryFailureGroup(project.id, body),
    onSuccess: (answer) => {
      const rest = answer.planned - (answer.retried ?? 0);
      toast({ title: `${plural(answer.planned, "run")} of ${label} retrying`, description: rest > 0 ? `${answer.retried} started; the other ${rest} follow one after another as each ends.` : undefined, action: { label: "See the runs", href: `/projects/${project.slug}/runs?type=${group.type}&trigger=retry` } });
      setOpen(false);
      router.refresh();
    },
    onError: (error) => toast({ title: "Could not retry the group", description: error.message, tone: "error" }),
  });
  const planned = preview.data?.planned;
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Retry all failed runs of ${label}: ${group.message}`}>
        <Retry className="size-3.5" />
        Retry all
      </Button>
      <ConfirmDialog
        open={open}
        title={planned === undefined ? `Retry the failed runs of ${label}?` : planned === 0 ? "Nothing left to retry" : `Retry ${plural(planned, "failed run")} of ${label}?`}
        confirmLabel={planned === undefined ? "Retry" : `Retry ${plural(planned, "run")}`}
        pending={retry.isPending}
        disabled={preview.isPending || planned === 0}
        tone="primary"
        onConfirm={() => retry.mutate()}
        onClose={() => setOpen(false)}
      >
        {preview.isError ? (
          <p role="alert">Could not count them: {preview.error.message}</p>
        ) : planned === undefined ? (
          <p>Counting the runs…</p>
        ) : planned === 0 ? (
          <p>Every failed run of this group in this window has a retry already.</p>
        ) : (
          <>
            <p>
              Each gets a new run linked to it, as if retried one by one, oldest first: the first starts now and the others follow one after another, since {label} runs one at a time in {project.name}.
            </p>
            <p className="mt-2 font-mono text-xs break-words text-red-700 dark:text-red-300">{group.message}</p>
            {(preview.data?.leftOver ?? 0) > 0 && <p className="mt-2">{plural(preview.data!.leftOver, "more run")} beyond these 500 can be retried once these are done.</p>}
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
