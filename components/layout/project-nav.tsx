"use client";
// A project's tabs. Members see Tasks, Issues, Store, Revenue, Analytics and Settings: the overview,
// runs, failures and schedules need jobs:read. The overview comes first for those who may read it.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function ProjectNav({ slug, teamName, canReadRuns }: { slug: string; teamName?: string; canReadRuns: boolean }) {
  const pathname = usePathname();
  const tabs = [
    ...(canReadRuns ? [{ href: `/projects/${slug}/overview`, label: "Overview" }] : []),
    { href: `/projects/${slug}/tasks`, label: "Tasks" },
    ...(canReadRuns
      ? [
          { href: `/projects/${slug}/runs`, label: "Runs" },
          { href: `/projects/${slug}/failures`, label: "Failures" },
          { href: `/projects/${slug}/schedules`, label: "Schedules" },
        ]
      : []),
    { href: `/projects/${slug}/issues`, label: "Issues" },
    { href: `/projects/${slug}/store`, label: "Store" },
    { href: `/projects/${slug}/revenue`, label: "Revenue" },
    { href: `/projects/${slug}/analytics`, label: "Analytics" },
    { href: `/projects/${slug}/settings`, label: "Settings" },
  ];
  return (
    <nav aria-label={teamName ? `Project pages (${teamName})` : "Project pages"} className="-mb-px flex gap-1 overflow-x-auto">
      {tabs.map((tab) => {
        const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition ${
              active
                ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
