"use client";
// Team → project: one menu to jump to any project of any of the user's teams, or a team's page.
import Link from "next/link";
import { ChevronDown } from "@/components/ui/icons";
import { Menu, MenuHeading, menuItemClass } from "@/components/ui/menu";

export type { NavigationTeam as SwitcherTeam } from "@/lib/auth/page-access";
import type { NavigationTeam as SwitcherTeam } from "@/lib/auth/page-access";

export function Switcher({ teams, current }: { teams: SwitcherTeam[]; current?: { teamId: string; projectSlug: string } }) {
  const team = teams.find((candidate) => candidate.id === current?.teamId);
  const project = team?.projects.find((candidate) => candidate.slug === current?.projectSlug);
  return (
    <Menu
      // Off a project (a team page) the button shows "Projects": its name starts with what it shows.
      // On one, the name holds the team and project it shows outside parentheses, which axe's
      // label-content-name-mismatch leaves out of the name it compares.
      label={project ? `Switch project, current: ${team!.name} / ${project.name}` : "Projects: switch project"}
      trigger={
        <span className="flex min-w-0 items-center gap-1.5">
          {team && <span className="hidden truncate text-slate-500 sm:inline dark:text-slate-400">{team.name}</span>}
          {team && <span aria-hidden="true" className="hidden text-slate-300 sm:inline dark:text-slate-700">/</span>}
          <span className="truncate font-medium">{project?.name ?? "Projects"}</span>
          <ChevronDown className="size-4 text-slate-400" />
        </span>
      }
    >
      {(close) =>
        teams.map((item) => (
          <div key={item.id}>
            <MenuHeading>{item.name}</MenuHeading>
            {item.projects.map((candidate) => (
              <Link
                key={candidate.slug}
                role="menuitem"
                href={`/projects/${candidate.slug}/tasks`}
                onClick={close}
                aria-current={candidate.slug === current?.projectSlug ? "page" : undefined}
                className={`${menuItemClass} ${candidate.slug === current?.projectSlug ? "font-semibold text-indigo-700 dark:text-indigo-300" : ""}`}
              >
                {candidate.name}
              </Link>
            ))}
            <Link role="menuitem" href={`/teams/${item.slug}`} onClick={close} className={`${menuItemClass} text-slate-500 dark:text-slate-400`}>
              All of {item.name}…
            </Link>
          </div>
        ))
      }
    </Menu>
  );
}
