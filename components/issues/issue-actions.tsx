"use client";
// Resolve and Ignore, for admins and owners: the server action changes the issue, then the page is
// rendered again with its new status. Disabled until the page has hydrated.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setIssueStatusAction } from "@/app/projects/[projectId]/issues/actions";
import { Button } from "@/components/ui/button";
import { Check, Cross } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { IssueStatusName } from "@/lib/issues/schemas";

type Change = "resolved" | "ignored";
const done: Record<Change, { title: string; description: string }> = {
  resolved: { title: "Issue resolved", description: "It comes back as regressed if it happens again in production." },
  ignored: { title: "Issue ignored", description: "Its events are still counted; it is not announced again." },
};

export function IssueActions({ project, issue }: { project: { id: string }; issue: { id: string; status: IssueStatusName } }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const change = (status: Change) =>
    startTransition(async () => {
      const result = await setIssueStatusAction(project.id, { issueId: issue.id, status });
      if (!result.ok) {
        toast({ title: status === "resolved" ? "Could not resolve" : "Could not ignore", description: result.error.message, tone: "error" });
        return;
      }
      toast(done[status]);
      router.refresh();
    });
  return (
    <div className="flex gap-2">
      {issue.status !== "resolved" && (
        <Button onClick={() => change("resolved")} disabled={!hydrated || pending}>
          <Check className="size-4" />
          Resolve
        </Button>
      )}
      {issue.status !== "ignored" && (
        <Button variant="secondary" onClick={() => change("ignored")} disabled={!hydrated || pending}>
          <Cross className="size-4" />
          Ignore
        </Button>
      )}
    </div>
  );
}
