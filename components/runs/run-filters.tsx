"use client";
// The runs list's filters, kept in the URL (?status=&type=&range=) so a filtered view can be
// shared, bookmarked and survives a reload.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { statusLabels } from "@/components/ui/status-badge";
import { runStatuses, type RunStatus } from "@/lib/jobs/schemas";

export const ranges = { "1h": { label: "Last hour", ms: 3600_000 }, "24h": { label: "Last 24 hours", ms: 86_400_000 }, "7d": { label: "Last 7 days", ms: 7 * 86_400_000 }, "30d": { label: "Last 30 days", ms: 30 * 86_400_000 } } as const;
export type RangeKey = keyof typeof ranges;

export interface FilterValues {
  status?: RunStatus;
  type?: string;
  range?: RangeKey;
}

export function useRunFilters(types: string[]): FilterValues {
  const search = useSearchParams();
  const status = search.get("status");
  const type = search.get("type");
  const range = search.get("range");
  // Values that are not ours (a mistyped URL) are ignored rather than sent to the API.
  return {
    status: runStatuses.includes(status as RunStatus) ? (status as RunStatus) : undefined,
    type: type && types.includes(type) ? type : undefined,
    range: range && range in ranges ? (range as RangeKey) : undefined,
  };
}

const selectClass =
  "rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-900";

export function RunFilters({ values, jobTypes }: { values: FilterValues; jobTypes: Array<{ type: string; label: string }> }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const active = Boolean(values.status || values.type || values.range);
  return (
    <div role="group" aria-label="Filter runs" className="flex flex-wrap items-center gap-2">
      <select aria-label="Status" value={values.status ?? ""} onChange={(event) => set("status", event.target.value)} className={selectClass}>
        <option value="">Any status</option>
        {runStatuses.map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </select>
      <select aria-label="Job type" value={values.type ?? ""} onChange={(event) => set("type", event.target.value)} className={selectClass}>
        <option value="">Any job type</option>
        {jobTypes.map((jobType) => (
          <option key={jobType.type} value={jobType.type}>
            {jobType.label}
          </option>
        ))}
      </select>
      <select aria-label="Time range" value={values.range ?? ""} onChange={(event) => set("range", event.target.value)} className={selectClass}>
        <option value="">Any time</option>
        {Object.entries(ranges).map(([key, range]) => (
          <option key={key} value={key}>
            {range.label}
          </option>
        ))}
      </select>
      {active && (
        <button type="button" onClick={() => router.replace(pathname, { scroll: false })} className="rounded-md px-2 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
          Clear filters
        </button>
      )}
    </div>
  );
}
