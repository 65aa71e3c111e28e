// A team: its projects, how busy each is, its members (managed here by owners and admins, read by
// everyone else), and the way to its notifications and (for admins) its API keys and the projects
// deleted within the grace period. Two columns on a wide screen, one after the other on a phone.
import type { Metadata } from "next";
import Link from "next/link";
import { DeletedProjects } from "@/components/teams/deleted-projects";
import { MembersSection, type MemberRow } from "@/components/teams/members-section";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Bell, Key } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { SOFT_DELETE_GRACE_DAYS } from "@/lib/accounts/grace";
import { listMembers, mayManageMember, rolesGrantableBy } from "@/lib/accounts/members";
import { deletedProjects } from "@/lib/accounts/soft-delete";
import { userActor, visibleProjects } from "@/lib/auth/access";
import { teamPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";
import { projectActivity, type ProjectActivity } from "@/lib/dashboard/project-overview";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const { user, team, role, allowed } = await teamPage(teamId, `/teams/${teamId}`, jobRoles);
  const projects = (await visibleProjects(userActor(user))).filter((project) => project.teamId === team.id);
  const [[activity, deleted], members] = await Promise.all([
    allowed ? Promise.all([projectActivity(projects.map((project) => project.id)), deletedProjects(team.id)]) : ([{}, []] as [Record<string, ProjectActivity>, Awaited<ReturnType<typeof deletedProjects>>]),
    listMembers(team.id),
  ]);
  // What the viewer may do to each member, by the rules the actions enforce again.
  const grantable = rolesGrantableBy(role);
  const memberRows: MemberRow[] = members.map((member) => {
    const manageable = mayManageMember(role, member.role) && grantable.length > 0;
    return {
      userId: member.userId,
      email: member.email,
      name: member.name,
      role: member.role,
      joinedAt: member.joinedAt.toISOString(),
      roleChoices: manageable ? grantable : [],
      removable: manageable,
      isYou: member.userId === user.id,
    };
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title={team.name}
        description={`Your role: ${role}.`}
        actions={
          <>
            <ButtonLink href={`/teams/${team.slug}/notifications`}>
              <Bell className="size-4" />
              Notifications
            </ButtonLink>
            {allowed && (
              <ButtonLink href={`/teams/${team.slug}/api-keys`}>
                <Key className="size-4" />
                API keys
              </ButtonLink>
            )}
          </>
        }
      />
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-6">
          <section aria-labelledby="projects-heading" className="space-y-3">
            <h2 id="projects-heading" className="text-base font-semibold">
              Projects <span className="font-normal text-slate-500 dark:text-slate-400">({projects.length})</span>
            </h2>
            {projects.length === 0 ? (
              <EmptyState title="No projects yet">The server owner adds one with `npx taskdeck admin projects create --team {team.slug}`.</EmptyState>
            ) : (
              <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
                {projects.map((project) => {
                  const stats = activity[project.id];
                  return (
                    <li key={project.id}>
                      <Link href={`/projects/${project.slug}/tasks`} className="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow dark:border-slate-800 dark:bg-slate-900 dark:hover:border-indigo-700">
                        <p className="font-semibold">{project.name}</p>
                        <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{project.slug}</p>
                        {stats && (
                          <p className="mt-3 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
                            <span>{stats.active} active</span>
                            <span className={stats.failedLastDay > 0 ? "font-medium text-red-600 dark:text-red-400" : undefined}>{stats.failedLastDay} failed in 24 h</span>
                            <span>{stats.lastRunAt ? <>last run <Time value={stats.lastRunAt} /></> : "no runs yet"}</span>
                          </p>
                        )}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          {allowed && <DeletedProjects teamId={team.id} projects={deleted} graceDays={SOFT_DELETE_GRACE_DAYS} />}
        </div>
        <MembersSection team={team} members={memberRows} grantable={grantable} />
      </div>
    </div>
  );
}
