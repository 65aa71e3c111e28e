"use client";
// A team's projects deleted within the grace period, for admins: when each is removed for good,
// and Restore, which brings it back with its runs, apps and keys.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { restoreProjectAction } from "@/app/teams/[teamId]/actions";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";

export interface DeletedProject {
  id: string;
  slug: string;
  name: string;
  deletedAt: string;
  purgeAt: string;
}

export function DeletedProjects({ teamId, projects, graceDays }: { teamId: string; projects: DeletedProject[]; graceDays: number }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();

  const restore = (project: DeletedProject) =>
    startTransition(async () => {
      const result = await restoreProjectAction(teamId, { projectId: project.id });
      if (!result.ok) return toast({ title: `${project.name} not restored`, description: result.error.message, tone: "error" });
      toast({ title: `${project.name} restored`, action: { label: "Open it", href: `/projects/${result.data.slug}/tasks` } });
      router.refresh();
    });

  if (projects.length === 0) return null;
  return (
    <section aria-labelledby="deleted-projects-heading" className="space-y-2">
      <div>
        <h2 id="deleted-projects-heading" className="text-base font-semibold">
          Deleted projects
        </h2>
        <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">Restorable for {graceDays} days after deletion, then removed for good with all their events.</p>
      </div>
      <ul className="divide-y divide-slate-100 rounded-xl border border-dashed border-slate-300 dark:divide-slate-800 dark:border-slate-700">
        {projects.map((project) => (
          <li key={project.id} aria-label={`${project.name} (deleted)`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-600 dark:text-slate-300">
                {project.name} <span className="font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{project.slug}</span>
              </p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Deleted <Time value={project.deletedAt} /> — removed for good on <Time value={project.purgeAt} mode="datetime" />
              </p>
            </div>
            <Button size="sm" variant="secondary" disabled={!hydrated || pending} onClick={() => restore(project)} aria-label={`Restore ${project.name}`}>
              Restore
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
