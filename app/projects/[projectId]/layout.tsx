// Every page of a project: the shell with the project's tabs and, when its lane is paused, the
// banner that says why and offers to resume it.
import { AppShell } from "@/components/layout/app-shell";
import { LaneBanner } from "@/components/lanes/lane-banner";
import { can } from "@/lib/auth/access";
import { currentUser, navigationFor, projectPage } from "@/lib/auth/page-access";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // Visitors are sent to the login page by the page itself, which knows the exact path to return to.
  if (!(await currentUser())) return children;
  const { user, access } = await projectPage(projectId, `/projects/${projectId}/tasks`);
  const canRead = can(access, "jobs:read");
  return (
    <AppShell
      user={user}
      teams={await navigationFor(user.id)}
      project={access.project}
      canReadRuns={canRead}
      banner={canRead ? <LaneBanner project={access.project} canManage={can(access, "jobs:write")} /> : undefined}
    >
      {children}
    </AppShell>
  );
}
