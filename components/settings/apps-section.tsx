"use client";
// A project's apps: what store jobs look up, with what they learned (latest version, rating).
// Admins add, edit and remove them (restorable for the grace period); every member sees them.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteAppAction } from "@/app/projects/[projectId]/settings/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toaster";
import type { AppView } from "@/lib/apps/apps";
import { platformLabels } from "@/lib/apps/schemas";
import { AppFormDialog } from "./app-form-dialog";
import { DeletedApps, type DeletedApp } from "./deleted-apps";

const platformBadge: Record<AppView["platform"], string> = {
  apple: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
  android: "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  web: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  other: "bg-violet-50 text-violet-800 ring-violet-300 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800",
};

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="mt-0.5 truncate text-sm">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-400 dark:text-slate-500">—</span>;

interface AppsSectionProps {
  project: { id: string; name: string };
  apps: AppView[];
  deletedApps: DeletedApp[];
  graceDays: number;
  canManage: boolean;
}

export function AppsSection({ project, apps, deletedApps, graceDays, canManage }: AppsSectionProps) {
  const router = useRouter();
  const toast = useToast();
  // null: closed; "new": adding; an app: editing it.
  const [editing, setEditing] = useState<AppView | "new" | null>(null);
  const [removing, setRemoving] = useState<AppView | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function remove(app: AppView) {
    startTransition(async () => {
      const result = await deleteAppAction(project.id, { appId: app.id });
      if (!result.ok) {
        setRemoveError(result.error.message);
        return;
      }
      setRemoving(null);
      setRemoveError(null);
      toast({ title: `${app.name} removed`, description: `It can be restored for ${graceDays} days.` });
      router.refresh();
    });
  }

  const addButton = canManage ? <Button onClick={() => setEditing("new")}>Add app</Button> : null;
  return (
    <section aria-labelledby="apps-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="apps-heading" className="text-base font-semibold">
            Apps
          </h2>
          <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            The apps of {project.name}. Store jobs use their ids to find them; what they learn (latest version, rating) shows here.
            {!canManage && " Admins and owners of the team can change them."}
          </p>
        </div>
        {apps.length > 0 && addButton}
      </div>
      {apps.length === 0 ? (
        <EmptyState title="No apps yet" action={addButton}>
          Add the apps of {project.name} so store jobs know what to look up.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {apps.map((app) => (
            <li key={app.id} aria-label={app.name} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:gap-6">
              <div className="min-w-0 sm:w-56">
                <p className="truncate font-medium">{app.name}</p>
                <span className={`mt-1 inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${platformBadge[app.platform]}`}>{platformLabels[app.platform]}</span>
              </div>
              <dl className="grid min-w-0 flex-1 grid-cols-2 gap-3 lg:grid-cols-4">
                <Detail term={app.platform === "android" ? "Package name" : "Bundle id"}>{app.bundleId ? <span className="font-mono text-xs">{app.bundleId}</span> : none}</Detail>
                <Detail term="App Store id">{app.appleAppStoreId ? <span className="font-mono text-xs">{app.appleAppStoreId}</span> : none}</Detail>
                <Detail term="Latest version">
                  {app.latestAppVersion ? (
                    <span title={app.latestAppVersionSource === "app_store" ? "From the App Store" : "From production events"}>{app.latestAppVersion}</span>
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">Not known yet</span>
                  )}
                </Detail>
                <Detail term="Rating">
                  {app.ratingAverage !== null && app.ratingCount !== null ? (
                    `${app.ratingAverage.toFixed(1)} ★ (${app.ratingCount.toLocaleString("en-US")})`
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">Not known yet</span>
                  )}
                </Detail>
              </dl>
              {canManage && (
                <div className="flex shrink-0 gap-2">
                  <Button variant="secondary" size="sm" onClick={() => setEditing(app)} aria-label={`Edit ${app.name}`}>
                    Edit
                  </Button>
                  <Button variant="secondary" size="sm" onClick={() => setRemoving(app)} aria-label={`Remove ${app.name}`}>
                    Remove
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <DeletedApps projectId={project.id} apps={deletedApps} canManage={canManage} />

      {canManage && (
        <AppFormDialog
          // A fresh form for each app edited.
          key={editing === null || editing === "new" ? "new" : editing.id}
          projectId={project.id}
          app={editing === null || editing === "new" ? undefined : editing}
          open={editing !== null}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            toast({ title: editing === "new" ? `${saved.name} added` : `${saved.name} saved` });
            setEditing(null);
            router.refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ""}?`}
        confirmLabel="Remove app"
        pending={pending}
        onConfirm={() => removing && remove(removing)}
        onClose={() => {
          setRemoving(null);
          setRemoveError(null);
        }}
      >
        <p>
          Store jobs stop looking it up at once, and keys bound to it stop working. It can be restored here for {graceDays} days; then it is removed for good with its
          events and what jobs learned about it.
        </p>
        {removeError && (
          <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
            {removeError}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
