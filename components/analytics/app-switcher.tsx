// The project's Apple apps as links: the Analytics page shows one at a time (?app=).
import Link from "next/link";
import type { StoreAppOption } from "@/lib/store/types";
import { analyticsHref } from "./analytics-links";

export function AppSwitcher({ projectSlug, apps, selectedId }: { projectSlug: string; apps: StoreAppOption[]; selectedId: string }) {
  if (apps.length < 2 && apps[0]?.id === selectedId) return null;
  return (
    <nav aria-label="Apps" className="flex flex-wrap gap-2">
      {apps.map((app) => {
        const selected = app.id === selectedId;
        return (
          <Link
            key={app.id}
            href={analyticsHref(projectSlug, app.id)}
            aria-current={selected ? "page" : undefined}
            className={`inline-flex max-w-full min-w-0 items-baseline rounded-full px-3 py-1.5 text-sm font-medium ring-1 transition ring-inset ${
              selected
                ? "bg-indigo-50 text-indigo-800 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-700"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
            }`}
          >
            <span className="truncate">{app.name}</span>
          </Link>
        );
      })}
    </nav>
  );
}
