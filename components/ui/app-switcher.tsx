// A project's apps as links, for pages that show one app at a time (?app=): Store and Analytics.
import Link from "next/link";
import { platformLabels } from "@/lib/apps/schemas";
import type { StoreAppOption } from "@/lib/store/types";

export function AppSwitcher({
  apps,
  selectedId,
  hrefFor,
  showPlatform = false,
}: {
  apps: StoreAppOption[];
  selectedId: string;
  hrefFor: (appId: string) => string;
  /** Name each app's platform beside it, for lists that mix platforms. */
  showPlatform?: boolean;
}) {
  return (
    <nav aria-label="Apps" className="flex flex-wrap gap-2">
      {apps.map((app) => {
        const selected = app.id === selectedId;
        return (
          <Link
            key={app.id}
            href={hrefFor(app.id)}
            aria-current={selected ? "page" : undefined}
            className={`inline-flex max-w-full min-w-0 items-baseline gap-2 rounded-full px-3 py-1.5 text-sm font-medium ring-1 transition ring-inset ${
              selected
                ? "bg-indigo-50 text-indigo-800 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-700"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
            }`}
          >
            <span className="truncate">{app.name}</span>
            {showPlatform ? (
              <>
                {" "}
                <span className={`text-xs font-normal whitespace-nowrap ${selected ? "text-indigo-600 dark:text-indigo-300" : "text-slate-500 dark:text-slate-400"}`}>{platformLabels[app.platform]}</span>
              </>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
