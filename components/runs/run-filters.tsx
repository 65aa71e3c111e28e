"use client";
// The runs list's filters, kept in the URL (?status=&type=&range=&trigger=&param=&id=) so a
// filtered view can be shared, bookmarked and survives a reload.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { statusLabels } from "@/components/ui/status-badge";
import { runStatuses, triggerKinds, type RunStatus } from "@/lib/jobs/schemas";

type TriggerKind = (typeof triggerKinds)[number];
export const triggerLabels: Record<TriggerKind, string> = { user: "A person", api_key: "An API key", schedule: "A schedule", retry: "A retry", admin_cli: "The admin CLI" };

// What the API accepts (listRunsQuerySchema): checked here too, so a half-typed value waits
// instead of answering 400 on every keystroke.
export const isParamFilter = (value: string) => /^[A-Za-z_][\w.-]{0,99}=/.test(value) && value.length <= 300;
export const isIdPrefix = (value: string) => /^[0-9a-f]{4,32}$/.test(value.replaceAll("-", "").toLowerCase());

export const ranges = { "1h": { label: "Last hour", ms: 3600_000 }, "24h": { label: "Last 24 hours", ms: 86_400_000 }, "7d": { label: "Last 7 days", ms: 7 * 86_400_000 }, "30d": { label: "Last 30 days", ms: 30 * 86_400_000 } } as const;
export type RangeKey = keyof typeof ranges;

export interface FilterValues {
  status?: RunStatus;
  type?: string;
  range?: RangeKey;
  trigger?: TriggerKind;
  /** key=value over the runs' params. */
  param?: string;
  /** The first hex digits of a run's id. */
  id?: string;
}

export function useRunFilters(types: string[]): FilterValues {
  const search = useSearchParams();
  const status = search.get("status");
  const type = search.get("type");
  const range = search.get("range");
  const trigger = search.get("trigger");
  const param = search.get("param");
  const id = search.get("id");
  // Values that are not ours (a mistyped URL) are ignored rather than sent to the API.
  return {
    status: runStatuses.includes(status as RunStatus) ? (status as RunStatus) : undefined,
    type: type && types.includes(type) ? type : undefined,
    range: range && range in ranges ? (range as RangeKey) : undefined,
    trigger: triggerKinds.includes(trigger as TriggerKind) ? (trigger as TriggerKind) : undefined,
    param: param && isParamFilter(param) ? param : undefined,
    id: id && isIdPrefix(id) ? id : undefined,
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
  const active = Boolean(values.status || values.type || values.range || values.trigger || values.param || values.id);
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
      <select aria-label="Trigger" value={values.trigger ?? ""} onChange={(event) => set("trigger", event.target.value)} className={selectClass}>
        <option value="">Any trigger</option>
        {triggerKinds.map((kind) => (
          <option key={kind} value={kind}>
            {triggerLabels[kind]}
          </option>
        ))}
      </select>
      <TextFilter key={`param:${values.param ?? ""}`} label="Params value" placeholder="reviewId=123" value={values.param} valid={isParamFilter} hint="key=value, e.g. reviewId=123" onCommit={(value) => set("param", value)} />
      <TextFilter key={`id:${values.id ?? ""}`} label="Run id" placeholder="Run id" value={values.id} valid={isIdPrefix} hint="4 or more hex digits of a run id" onCommit={(value) => set("id", value)} mono />
      {active && (
        <button type="button" onClick={() => router.replace(pathname, { scroll: false })} className="rounded-md px-2 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
          Clear filters
        </button>
      )}
    </div>
  );
}

interface TextFilterProps {
  label: string;
  placeholder: string;
  value: string | undefined;
  valid: (value: string) => boolean;
  hint: string;
  onCommit: (value: string) => void;
  mono?: boolean;
}

/** A typed filter: applied on Enter or when the field is left, and only once it is well formed. */
function TextFilter({ label, placeholder, value, valid, hint, onCommit, mono = false }: TextFilterProps) {
  // Keyed by the URL's value where it is used, so Clear filters or back and forward start it afresh.
  const [draft, setDraft] = useState(value ?? "");
  const trimmed = draft.trim();
  const invalid = trimmed !== "" && !valid(trimmed);
  const commit = () => {
    if (!invalid && trimmed !== (value ?? "")) onCommit(trimmed);
  };
  return (
    <span className="inline-flex flex-col">
      <input
        type="search"
        aria-label={label}
        aria-invalid={invalid || undefined}
        title={hint}
        placeholder={placeholder}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
        className={`w-40 rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 dark:bg-slate-900 ${mono ? "font-mono" : ""} ${
          invalid ? "border-red-500 focus:ring-red-500/30" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/30 dark:border-slate-700"
        }`}
      />
      {invalid && (
        <span role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {label}: {hint}
        </span>
      )}
    </span>
  );
}
