// Scheduled job types of a project: when they run (in words, UTC), when next, how the last
// scheduled run went, and which occurrences were skipped because a run was still active.
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import type { ScheduledType } from "@/lib/dashboard/schedule-overview";
import { IntervalSelect } from "./interval-select";

export function SchedulesView({ project, schedules, canManage }: { project: { id: string; slug: string; name: string }; schedules: ScheduledType[]; canManage: boolean }) {
  return (
    <div className="space-y-5">
      <PageHeader title="Schedules" description={`Job types of ${project.name} that run on their own. Times are in your time zone; each one shows its UTC time when you point at it.`} />
      {schedules.length === 0 ? (
        <EmptyState title="No scheduled job types">None of this project's job types runs on a schedule.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {schedules.map((schedule) => (
            <li key={schedule.type} aria-label={schedule.label} className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div>
                  <h2 className="font-semibold">{schedule.label}</h2>
                  <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
                    {schedule.inWords}
                    {schedule.cron && <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{schedule.cron}</span>}
                  </p>
                </div>
                {schedule.kind === "interval" && <IntervalSelect projectId={project.id} type={schedule.type} label={schedule.label} value={schedule.intervalMinutes} disabled={!canManage} />}
              </div>
              <dl className="mt-4 grid gap-4 border-t border-slate-100 pt-4 text-sm sm:grid-cols-3 dark:border-slate-800">
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Next run</dt>
                  <dd className="mt-1">{schedule.nextRunAt ? <Time value={schedule.nextRunAt} mode="datetime" /> : "Not scheduled"}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Last scheduled run</dt>
                  <dd className="mt-1">
                    {schedule.acrossProjects && !schedule.lastRun ? (
                      <span className="text-slate-600 dark:text-slate-400">Not listed: one run covers every project</span>
                    ) : schedule.lastRun ? (
                      <Link href={`/projects/${project.slug}/runs/${schedule.lastRun.id}`} className="inline-flex items-center gap-2 hover:underline">
                        <StatusBadge status={schedule.lastRun.status} /> <Time value={schedule.lastRun.createdAt} />
                      </Link>
                    ) : (
                      "None yet"
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Skipped occurrences</dt>
                  <dd className="mt-1">
                    {schedule.skipped.count === 0 ? (
                      "None"
                    ) : (
                      <details>
                        <summary className="cursor-pointer">
                          {schedule.skipped.count} skipped, last <Time value={schedule.skipped.recent[0]!.occurredAt} />
                        </summary>
                        <ul className="mt-2 space-y-1 text-xs text-slate-600 dark:text-slate-400">
                          {schedule.skipped.recent.map((skip) => (
                            <li key={skip.occurredAt}>
                              <Time value={skip.occurredAt} mode="datetime" />: {skip.reason}
                              {skip.existingRunId && (
                                <>
                                  {" "}
                                  (<Link href={`/projects/${project.slug}/runs/${skip.existingRunId}`} className="underline">the run in the way</Link>)
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
