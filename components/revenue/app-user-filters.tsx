"use client";
// The app users' filters as selects in a plain GET form, each value with how many users it keeps
// under the others: subscription status, access and media source. They apply on change once the
// page has hydrated; without scripts, Apply sends them.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { AppUserCounts } from "@/lib/revenue/types";
import { subscriptionLabel } from "./format";
import { accessFilterLabels, accessFilters, narrowed, revenueHref, sourceOfParam, sourceParam, type AppUserFilterValues } from "./revenue-links";

const fieldClass =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none sm:w-auto sm:max-w-56 dark:border-slate-700 dark:bg-slate-900";

export function AppUserFilters({ projectSlug, values, counts }: { projectSlug: string; values: AppUserFilterValues; counts: AppUserCounts }) {
  const router = useRouter();
  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "") || undefined;
    const source = text("source");
    const access = accessFilters.find((known) => known === data.get("access")) ?? "any";
    router.push(revenueHref(projectSlug, { status: text("status"), access, source: source === undefined ? undefined : sourceOfParam(source) }), { scroll: false });
  };
  return (
    <form
      key={`${values.status ?? ""}|${values.access}|${values.source === undefined ? "" : sourceParam(values.source)}`}
      role="search"
      aria-label="Filter app users"
      action={`/projects/${projectSlug}/revenue`}
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget);
      }}
      className="grid grid-cols-1 gap-2 sm:flex sm:flex-wrap sm:items-center"
    >
      <select name="status" aria-label="Status" defaultValue={values.status ?? ""} onChange={(event) => event.currentTarget.form?.requestSubmit()} className={fieldClass}>
        <option value="">Any status ({counts.status.any})</option>
        {counts.status.values.map(({ value, count }) => (
          <option key={value} value={value}>
            {subscriptionLabel(value)} ({count})
          </option>
        ))}
      </select>
      <select name="access" aria-label="Access" defaultValue={values.access === "any" ? "" : values.access} onChange={(event) => event.currentTarget.form?.requestSubmit()} className={fieldClass}>
        {accessFilters.map((access) => (
          <option key={access} value={access === "any" ? "" : access}>
            {accessFilterLabels[access]} ({counts.access[access]})
          </option>
        ))}
      </select>
      <select
        name="source"
        aria-label="Media source"
        defaultValue={values.source === undefined ? "" : sourceParam(values.source)}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className={fieldClass}
      >
        <option value="">Any media source ({counts.source.any})</option>
        {counts.source.values.map(({ value, count }) => (
          <option key={value ?? ""} value={sourceParam(value)}>
            {value ?? "Not attributed"} ({count})
          </option>
        ))}
      </select>
      <noscript>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </noscript>
      {narrowed(values) && (
        <Link href={revenueHref(projectSlug)} scroll={false} className="rounded-md px-2 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
          Clear filters
        </Link>
      )}
    </form>
  );
}
