// Home: straight to the first project's Tasks, or a page saying how to get a project.
import { redirect } from "next/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { EmptyState } from "@/components/ui/empty-state";
import { navigationFor } from "@/lib/auth/page-access";
import { requirePageUser } from "@/lib/auth/session";

export default async function HomePage() {
  const user = await requirePageUser("/");
  const teams = await navigationFor(user.id);
  const first = teams.flatMap((team) => team.projects)[0];
  if (first) redirect(`/projects/${first.slug}/tasks`);
  return (
    <AppShell user={user} teams={teams}>
      <EmptyState title="No projects yet">
        {teams.length === 0
          ? "Ask a team owner to add you to their team."
          : "Your teams have no projects yet. The server owner adds one with `npx taskdeck admin projects create`."}
      </EmptyState>
    </AppShell>
  );
}
