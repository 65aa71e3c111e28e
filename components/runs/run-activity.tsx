"use client";
// A run's Activity: who triggered, cancelled, retried or skipped it, when, and from which surface
// (the audit trail, lib/jobs/audit.ts). Schedules and retries that nobody clicked are the timeline's.
import Link from "next/link";
import { auditLinkedRun, auditSentence, surfaceLabels } from "@/components/audit/audit-text";
import { Time } from "@/components/ui/time";
import type { AuditEntry } from "@/lib/jobs/audit";

export function RunActivity({ projectSlug, entries }: { projectSlug: string; entries: AuditEntry[] }) {
  return (
    <section aria-labelledby="activity-heading" className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="activity-heading" className="text-sm font-semibold">
        Activity
      </h2>
      {entries.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Nobody has acted on this run.</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="run-activity">
          {entries.map((entry) => {
            const linked = auditLinkedRun(entry);
            return (
              <li key={entry.id} className="text-sm" data-action={entry.action}>
                <p className="font-medium">{auditSentence(entry)}</p>
                <p className="text-slate-600 dark:text-slate-400">
                  {entry.actor.label} · {surfaceLabels[entry.surface]} · <Time value={entry.at} />
                </p>
                {linked && (
                  <Link href={`/projects/${projectSlug}/runs/${linked.id}`} className="text-xs text-indigo-700 hover:underline dark:text-indigo-300">
                    Open {linked.label}
                  </Link>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
