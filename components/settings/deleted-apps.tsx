"use client";
// The project's apps deleted within the grace period, each with the day it is removed for good
// and, for admins, Restore (refused when another app took its ids meanwhile).
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { restoreAppAction } from "@/app/projects/[projectId]/settings/actions";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import { platformLabels, type AppPlatform } from "@/lib/apps/schemas";

export interface DeletedApp {
  id: string;
  name: string;
  platform: AppPlatform;
  deletedAt: string;
  purgeAt: string;
}

export function DeletedApps({ projectId, apps, canManage }: { projectId: string; apps: DeletedApp[]; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();

  const restore = (app: DeletedApp) =>
    startTransition(async () => {
      const result = await restoreAppAction(projectId, { appId: app.id });
      if (!result.ok) return toast({ title: `${app.name} not restored`, description: result.error.message, tone: "error" });
      toast({ title: `${app.name} restored` });
      router.refresh();
    });

  if (apps.length === 0) return null;
  return (
    <section aria-labelledby="deleted-apps-heading">
      <h3 id="deleted-apps-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
        Deleted apps
      </h3>
      <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-dashed border-slate-300 dark:divide-slate-800 dark:border-slate-700">
        {apps.map((app) => (
          <li key={app.id} aria-label={`${app.name} (deleted)`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-600 dark:text-slate-300">
                {app.name} <span className="text-xs font-normal text-slate-500 dark:text-slate-400">{platformLabels[app.platform]}</span>
              </p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Deleted — removed for good on <Time value={app.purgeAt} mode="datetime" />
              </p>
            </div>
            {canManage && (
              <Button size="sm" variant="secondary" disabled={!hydrated || pending} onClick={() => restore(app)} aria-label={`Restore ${app.name}`}>
                Restore
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
