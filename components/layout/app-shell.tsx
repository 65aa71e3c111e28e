// The frame around every signed-in page: brand, the team and project switcher, the user menu, and
// for project pages the project's tabs. Works from a phone to a wide screen.
import Link from "next/link";
import { RunSearch } from "@/components/search/run-search";
import { Logo } from "@/components/ui/icons";
import { ProjectNav } from "./project-nav";
import { Switcher, type SwitcherTeam } from "./switcher";
import { UserMenu } from "./user-menu";

export interface ShellProject {
  id: string;
  slug: string;
  name: string;
  teamId: string;
}

interface AppShellProps {
  user: { email: string; name: string | null };
  teams: SwitcherTeam[];
  project?: ShellProject;
  /** Whether the project tabs beyond Tasks (runs, failures, schedules) are open to this user. */
  canReadRuns?: boolean;
  /** Shown between the header and the page, e.g. a paused lane. */
  banner?: React.ReactNode;
  children: React.ReactNode;
}

export function AppShell({ user, teams, project, canReadRuns = false, banner, children }: AppShellProps) {
  const team = project ? teams.find((candidate) => candidate.id === project.teamId) : undefined;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header className="relative border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-2.5 sm:gap-3">
          <Link href="/" className="flex items-center gap-2 rounded-md pr-1 font-semibold tracking-tight" aria-label="Taskdeck home">
            <Logo />
            <span className="hidden sm:inline">Taskdeck</span>
          </Link>
          <span aria-hidden="true" className="text-slate-300 dark:text-slate-700">/</span>
          <Switcher teams={teams} current={project ? { teamId: project.teamId, projectSlug: project.slug } : undefined} />
          <div className="ml-auto flex items-center gap-2">
            {project && canReadRuns && <RunSearch project={project} />}
            <UserMenu user={user} teams={teams} />
          </div>
        </div>
        {project && (
          <div className="mx-auto max-w-6xl px-4">
            <ProjectNav slug={project.slug} teamName={team?.name} canReadRuns={canReadRuns} />
          </div>
        )}
      </header>
      {banner}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
