"use client";
// Job types with "Run now" above, runs below. React Query refreshes the runs every second while
// any run is pending or running, and stops polling once they have all finished.
import { useQuery } from "@tanstack/react-query";
import { listRuns } from "./api";
import { JobTypeCard, type JobTypeSummary } from "./job-type-card";
import { RunList } from "./run-list";

interface TasksViewProps {
  project: { id: string; slug: string; name: string };
  jobTypes: JobTypeSummary[];
  canUseJobs: boolean;
}

const ACTIVE_REFRESH_MS = 1000;
const IDLE_REFRESH_MS = 10_000;

export function TasksView({ project, jobTypes, canUseJobs }: TasksViewProps) {
  const runs = useQuery({
    queryKey: ["runs", project.id],
    queryFn: () => listRuns(project.id),
    enabled: canUseJobs,
    refetchInterval: (query) =>
      query.state.data?.runs.some((run) => run.status === "pending" || run.status === "running") ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS,
  });
  const labels = Object.fromEntries(jobTypes.map((jobType) => [jobType.type, jobType.label]));

  return (
    <div className="space-y-10">
      <section aria-labelledby="job-types-heading">
        <h1 id="job-types-heading" className="text-xl font-semibold tracking-tight">
          Tasks
        </h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Background jobs for {project.name}.</p>
        {!canUseJobs && (
          <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
            Jobs need the admin or owner role in this team. Ask a team owner if you need to run them.
          </p>
        )}
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {jobTypes.map((jobType) => (
            <JobTypeCard key={jobType.type} projectId={project.id} jobType={jobType} canRun={canUseJobs} />
          ))}
        </div>
      </section>

      {canUseJobs && (
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading" className="text-lg font-semibold tracking-tight">
            Runs
          </h2>
          <div className="mt-4">
            {runs.isPending ? (
              <p className="text-sm text-slate-500">Loading runs…</p>
            ) : runs.isError ? (
              <p role="alert" className="text-sm text-red-600">
                Could not load runs: {runs.error.message}
              </p>
            ) : (
              <RunList runs={runs.data.runs} labels={labels} />
            )}
          </div>
        </section>
      )}
    </div>
  );
}
