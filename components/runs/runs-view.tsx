"use client";
// A project's runs, newest first, keyset-paginated ("Load more"), filtered through the URL. While
// a run in view is active the list refreshes every second, otherwise every ten seconds, never in
// a hidden tab; an unchanged list costs a 304.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getLane, listRuns, type RunFilters as ApiFilters } from "../api";
import { ACTIVE_REFRESH_MS, IDLE_REFRESH_MS } from "./refresh";
import { RunFilters, ranges, useRunFilters, type RangeKey } from "./run-filters";
import { CancelPending } from "./cancel-pending";
import { RunList } from "./run-list";

interface RunsViewProps {
  project: { id: string; slug: string; name: string };
  jobTypes: Array<{ type: string; label: string }>;
  canManage?: boolean;
}

export function RunsView({ project, jobTypes, canManage = false }: RunsViewProps) {
  const filters = useRunFilters(jobTypes.map((jobType) => jobType.type));
  const apiFilters = useMemo<ApiFilters & { range?: RangeKey }>(
    () => ({ status: filters.status, type: filters.type, range: filters.range, trigger: filters.trigger, param: filters.param, id: filters.id }),
    [filters.status, filters.type, filters.range, filters.trigger, filters.param, filters.id],
  );
  const runs = useInfiniteQuery({
    queryKey: ["runs", project.id, apiFilters],
    queryFn: ({ pageParam }) => listRuns(project.id, withRangeStart(apiFilters), pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.runs.some((run) => run.status === "pending" || run.status === "running")) ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS,
  });
  const lane = useQuery({ queryKey: ["lane", project.id], queryFn: () => getLane(project.id), refetchInterval: 5000 });
  const positions = Object.fromEntries((lane.data?.lane.queued ?? []).map((queued) => [queued.id, queued.position]));
  const all = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const filtered = Boolean(filters.status || filters.type || filters.range || filters.trigger || filters.param || filters.id);

  return (
    <div className="space-y-5">
      <PageHeader title="Runs" description={`Every run of ${project.name}'s job types, newest first.`} actions={canManage ? <CancelPending project={project} type={filters.type} /> : undefined} />
      <RunFilters values={filters} jobTypes={jobTypes} />
      {runs.isPending ? (
        <SkeletonRows rows={6} label="Loading runs" />
      ) : runs.isError ? (
        <p role="alert" className="text-sm text-red-600">
          Could not load runs: {runs.error.message}
        </p>
      ) : all.length === 0 ? (
        <EmptyState title={filtered ? "No runs match these filters" : "No runs yet"}>
          {filtered ? "Widen the time range or clear the filters." : "Start one with Run now on the Tasks page."}
        </EmptyState>
      ) : (
        <>
          <RunList runs={all} projectSlug={project.slug} lanePositions={positions} lanePaused={lane.data?.lane.paused ?? false} />
          <div className="flex items-center justify-between text-sm text-slate-500 dark:text-slate-400">
            <span>
              {all.length} run{all.length === 1 ? "" : "s"} shown
            </span>
            {runs.hasNextPage && (
              <Button variant="secondary" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                {runs.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

// The range's start moves on the minute, not with every poll: polls within a minute repeat the
// same request, which the server can answer with 304.
function withRangeStart({ range, ...filters }: ApiFilters & { range?: RangeKey }): ApiFilters {
  if (!range) return filters;
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  return { ...filters, from: new Date(minute - ranges[range].ms).toISOString() };
}
