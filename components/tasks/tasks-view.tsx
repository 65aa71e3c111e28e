"use client";
// A project's Tasks: its job types with "Run now" and their recent history, then the latest runs.
// Refreshes every second while a run is active, every ten seconds otherwise, and not at all while
// the tab is hidden (React Query pauses interval refetches in background tabs).
import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ACTIVE_REFRESH_MS, IDLE_REFRESH_MS } from "@/components/runs/refresh";
import { RunList } from "@/components/runs/run-list";
import { getJobTypes, listRuns, type DashboardJobType } from "../api";
import { JobTypeCard } from "./job-type-card";

interface TasksViewProps {
  project: { id: string; slug: string; name: string };
  initialJobTypes: DashboardJobType[];
  canRun: boolean;
  canRead: boolean;
}

export function TasksView({ project, initialJobTypes, canRun, canRead }: TasksViewProps) {
  const jobTypes = useQuery({
    queryKey: ["job-types", project.id],
    queryFn: async () => (await getJobTypes(project.id)).jobTypes,
    initialData: initialJobTypes,
    refetchInterval: (query) => (query.state.data?.some((type) => type.stats?.activeRun) ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS),
  });
  const runs = useQuery({
    queryKey: ["runs", project.id, "recent"],
    queryFn: () => listRuns(project.id, {}, undefined, 8),
    enabled: canRead,
    refetchInterval: (query) => (query.state.data?.runs.some((run) => run.status === "pending" || run.status === "running") ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS),
  });

  return (
    <div className="space-y-10">
      <section aria-labelledby="job-types-heading">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 id="job-types-heading" className="text-xl font-semibold tracking-tight">
              Tasks
            </h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Background jobs for {project.name}: run them, and see how they have been going.</p>
          </div>
        </div>
        {!canRun && (
          <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
            Jobs need the admin or owner role in this team. Ask a team owner if you need to run them or see their runs.
          </p>
        )}
        <div className="mt-5 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {jobTypes.data.map((jobType) => (
            <JobTypeCard key={jobType.type} project={project} jobType={jobType} canRun={canRun} />
          ))}
        </div>
      </section>

      {canRead && (
        <section aria-labelledby="runs-heading">
          <div className="flex items-center justify-between gap-2">
            <h2 id="runs-heading" className="text-lg font-semibold tracking-tight">
              Latest runs
            </h2>
            <ButtonLink href={`/projects/${project.slug}/runs`} size="sm">
              All runs
            </ButtonLink>
          </div>
          <div className="mt-3">
            {runs.isPending ? (
              <SkeletonRows rows={3} label="Loading runs" />
            ) : runs.isError ? (
              <p role="alert" className="text-sm text-red-600">
                Could not load runs: {runs.error.message}
              </p>
            ) : runs.data.runs.length === 0 ? (
              <EmptyState title="No runs yet">{canRun ? "Press Run now on a job type above to start one." : "Runs appear here once an admin starts one."}</EmptyState>
            ) : (
              <RunList runs={runs.data.runs} projectSlug={project.slug} label="Recent runs" />
            )}
          </div>
        </section>
      )}
    </div>
  );
}
