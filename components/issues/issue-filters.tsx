"use client";
// The issues list's filters. A plain GET form, so it works before the page hydrates; once it has,
// choosing a status or environment applies at once and typed text on Enter or Apply.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { issuesHref, narrowed, type IssueFilterValues, type IssueStatusFilter } from "./issue-links";

const statuses: Array<[IssueStatusFilter, string]> = [
  ["open", "Open (new and regressed)"],
  ["new", "New"],
  ["regressed", "Regressed"],
  ["resolved", "Resolved"],
  ["ignored", "Ignored"],
  ["all", "All statuses"],
];

const fieldClass =
  "rounded-md border border-slate-300 bg-white py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-900";

export function IssueFilters({ projectSlug, values }: { projectSlug: string; values: IssueFilterValues }) {
  const router = useRouter();
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim() || undefined;
    router.push(issuesHref(projectSlug, { status: text("status") as IssueStatusFilter, environment: text("environment") === "production" ? "production" : "any", appVersion: text("appVersion"), q: text("q") }), { scroll: false });
  };
  const active = values.status !== "open" || narrowed(values);
  return (
    // Remounted when the URL's filters change (Clear filters, Back), so the fields show them.
    <form
      key={JSON.stringify(values)}
      role="search"
      aria-label="Filter issues"
      action={`/projects/${projectSlug}/issues`}
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <select name="status" aria-label="Status" defaultValue={values.status} onChange={(event) => event.currentTarget.form && apply(event.currentTarget.form)} className={`${fieldClass} pr-8 pl-2.5`}>
        {statuses.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <select name="environment" aria-label="Environment" defaultValue={values.environment} onChange={(event) => event.currentTarget.form && apply(event.currentTarget.form)} className={`${fieldClass} pr-8 pl-2.5`}>
        <option value="any">Any environment</option>
        <option value="production">Production only</option>
      </select>
      <input name="appVersion" aria-label="App version" placeholder="App version" defaultValue={values.appVersion ?? ""} maxLength={50} className={`${fieldClass} w-32 px-2.5`} />
      <input type="search" name="q" aria-label="Search titles" placeholder="Search titles" defaultValue={values.q ?? ""} maxLength={200} className={`${fieldClass} min-w-0 flex-1 basis-40 px-2.5 sm:w-56 sm:flex-none`} />
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {active && (
        <Link href={issuesHref(projectSlug)} scroll={false} className="rounded-md px-2 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
          Clear filters
        </Link>
      )}
    </form>
  );
}
