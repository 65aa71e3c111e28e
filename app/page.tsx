// Home: straight to the first project's Tasks view.
import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { userActor, visibleProjects } from "@/lib/auth/access";
import { AppShell } from "@/components/layout/app-shell";

export default async function HomePage() {
  const user = await requirePageUser("/");
  const projects = await visibleProjects(userActor(user));
  const first = projects[0];
  if (first) redirect(`/projects/${first.slug}/tasks`);
  return (
    <AppShell user={user}>
      <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
        <h1 className="text-lg font-semibold">No projects yet</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Ask a team owner to add you to a team, or create a project with <code>taskdeck admin projects create</code>.
        </p>
      </div>
    </AppShell>
  );
}
