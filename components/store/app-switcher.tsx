// The project's live apps as links: the Store page shows one at a time (?app=).
import Link from "next/link";
import { platformLabels } from "@/lib/apps/schemas";
import type { StoreAppOption } from "@/lib/store/types";
import { storeHref } from "./store-links";

export function AppSwitcher({ projectSlug, apps, selectedId }: { projectSlug: string; apps: StoreAppOption[]; selectedId: string }) {
  return (
    <nav aria-label="Apps" className="flex flex-wrap gap-2">
      {apps.map((app) => {
        const selected = app.id === selectedId;
        return (
          <Link
            key={app.id}
            href={storeHref(projectSlug, app.id)}
            aria-current={selected ? "page" : undefined}
            className={`inline-flex max-w-full min-w-0 items-baseline gap-2 rounded-full px-3 py-1.5 text-sm font-medium ring-1 transition ring-inset ${
              selected
                ? "bg-indigo-50 text-indigo-800 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-700"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
            }`}
          >
            <span className="truncate">{app.name}</span>{" "}
            <span className={`text-xs font-normal whitespace-nowrap ${selected ? "text-indigo-600 dark:text-indigo-300" : "text-slate-500 dark:text-slate-400"}`}>{platformLabels[app.platform]}</span>
          </Link>
        );
      })}
    </nav>
  );
}
