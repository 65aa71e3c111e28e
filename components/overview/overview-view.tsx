// A project's overview: is everything healthy? What is running and queued, whether a worker is
// alive to run it, whether the lane is paused, how runs went hour by hour, and how long each type
// takes (p50/p95). The window (24 hours or 7 days) is in the address, like the Failures window.
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import type { ProjectOverview } from "@/lib/jobs/overview";
import { failureRatePercent, overviewWindows, type OverviewWindow } from "@/lib/jobs/overview-windows";
import { formatDuration } from "@/lib/jobs/eta";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { plural } from "@/lib/plural";
import { RunsChart } from "./runs-chart";

const card = "rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
const figure = "mt-1 text-2xl font-semibold tabular-nums";
const note = "mt-1 text-xs text-slate-600 dark:text-slate-400";

export function OverviewView({ project, overview }: { project: { slug: string; name: string }; overview: ProjectOverview }) {
  const base = `/projects/${project.slug}`;
  const { totals, lane } = overview;
  const ended = totals.completed + totals.failed;
  const failureRate = failureRatePercent(totals);
  const windowLabel = overviewWindows[overview.window].label;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Overview"
        description={`How ${project.name}'s jobs are doing: right now, and over the last ${windowLabel}.`}
        actions={<WindowSwitch base={`${base}/overview`} current={overview.window} />}
      />
      <section aria-label="Right now" className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <div className={card} data-testid="overview-running">
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">Running</h2>
          <p className={figure}>{overview.running}</p>
          <p className={note}>
            <Link href={`${base}/runs?status=running`} className="hover:underline">
              See running runs
            </Link>
          </p>
        </div>
        <div className={card} data-testid="overview-queued">
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">Queued</h2>
          <p className={figure}>{overview.queued}</p>
          <p className={note}>
            {overview.oldestQueued ? (
              <Link href={`${base}/runs/${overview.oldestQueued.runId}`} className="hover:underline">
                Oldest waiting since <Time value={overview.oldestQueued.createdAt} />
              </Link>
            ) : (
              "Nothing waiting"
            )}
          </p>
        </div>
        <div className={card} data-testid="overview-failed">
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">Failed ({windowLabel})</h2>
          <p className={`${figure} ${totals.failed > 0 ? "text-red-700 dark:text-red-400" : ""}`}>{totals.failed}</p>
          <p className={note}>
            {failureRate === null ? "No run ended" : `${failureRate}% of ${plural(ended, "ended run")}`}
            {totals.failed > 0 && (
              <>
                {" · "}
                <Link href={`${base}/failures?window=${overview.window}`} className="hover:underline">
                  Failures
                </Link>
              </>
            )}
          </p>
        </div>
        <div className={card} data-testid="overview-lane" data-paused={lane.paused}>
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">App Store lane</h2>
          {lane.paused ? (
            <>
              <p className={`${figure} text-amber-700 dark:text-amber-300`}>Paused</p>
              <p className={note}>
                <a href="#lane" className="hover:underline">
                  A run failed; {plural(lane.queued.length, "run")} wait{lane.queued.length === 1 ? "s" : ""}
                </a>
              </p>
            </>
          ) : (
            <>
              <p className={figure}>Flowing</p>
              <p className={note}>{lane.queued.length === 0 ? "Nothing queued" : `${plural(lane.queued.length, "run")} queued`}</p>
            </>
          )}
        </div>
        <div className={`${card} col-span-2 lg:col-span-1`} data-testid="overview-workers">
          <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">Workers</h2>
          <p className={`${figure} ${overview.liveWorkers === 0 ? "text-red-700 dark:text-red-400" : ""}`}>{overview.liveWorkers === 0 ? "None live" : overview.liveWorkers}</p>
          <p className={note}>{overview.liveWorkers === 0 ? "No worker has checked in lately: runs wait until one starts." : `${plural(overview.liveWorkers, "worker")} checking in`}</p>
        </div>
      </section>

      <section aria-labelledby="chart-heading" className={`${card} p-5`}>
        <h2 id="chart-heading" className="text-sm font-semibold">
          Runs per hour, last {windowLabel}
        </h2>
        <p className={note}>By when they were triggered, coloured by how they ended.</p>
        <div className="mt-4">
          <RunsChart hours={overview.hours} windowLabel={windowLabel} />
        </div>
      </section>

      <section aria-labelledby="durations-heading" className={`${card} p-5`}>
        <h2 id="durations-heading" className="text-sm font-semibold">
          How long each job type takes
        </h2>
        <p className={note}>Runs that ended in the last {windowLabel}; p50 is the typical run, p95 the slow one in twenty.</p>
        {overview.durations.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">No run ended in the last {windowLabel}.</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm" aria-describedby="durations-heading">
              <thead>
                <tr className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
                  <th className="py-2 pr-3 font-medium">Job type</th>
                  <th className="py-2 pr-3 text-right font-medium">Ended</th>
                  <th className="py-2 pr-3 text-right font-medium">Failed</th>
                  <th className="py-2 pr-3 text-right font-medium">p50</th>
                  <th className="py-2 text-right font-medium">p95</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {overview.durations.map((row) => (
                  <tr key={row.type} data-type={row.type} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                    <td className="py-2 pr-3">
                      <Link href={`${base}/runs?type=${row.type}`} className="font-medium hover:underline">
                        {jobTypeLabel(row.type)}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 text-right">{row.ended}</td>
                    <td className={`py-2 pr-3 text-right ${row.failed > 0 ? "text-red-700 dark:text-red-400" : ""}`}>{row.failed}</td>
                    <td className="py-2 pr-3 text-right whitespace-nowrap" data-p50-ms={row.p50Ms ?? ""}>
                      {row.p50Ms === null ? "—" : formatDuration(row.p50Ms)}
                    </td>
                    <td className="py-2 text-right whitespace-nowrap" data-p95-ms={row.p95Ms ?? ""}>
                      {row.p95Ms === null ? "—" : formatDuration(row.p95Ms)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function WindowSwitch({ base, current }: { base: string; current: OverviewWindow }) {
  return (
    <nav aria-label="Overview window" className="inline-flex rounded-lg border border-slate-300 p-0.5 text-sm dark:border-slate-700">
      {(Object.keys(overviewWindows) as OverviewWindow[]).map((window) => (
        <Link
          key={window}
          href={`${base}?window=${window}`}
          aria-current={window === current ? "page" : undefined}
          className={`rounded-md px-3 py-1 font-medium ${window === current ? "bg-indigo-600 text-white dark:bg-indigo-500" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
        >
          {overviewWindows[window].label}
        </Link>
      ))}
    </nav>
  );
}
