import "server-only";
// Access for dashboard pages: the same rules as the API (lib/auth/access.ts), with a page's
// answers: the login page for visitors, Next's 404 page for projects and teams they cannot see.
// Lookups are cached per request, so a layout and its page share them.
import { notFound } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { findProject, findTeamForUser, teamsOfUser, userActor, visibleProjects, type ProjectAccess } from "@/lib/auth/access";
import { getSessionUser, requirePageUser, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/client";

function notFoundOn404(error: unknown): never {
  if (error instanceof AppError && error.code === "not_found") notFound();
  throw error;
}

export const currentUser = cache(getSessionUser);

const projectAccess = cache(async (projectIdOrSlug: string, userId: string): Promise<ProjectAccess> => {
  const user = (await currentUser())!;
  if (user.id !== userId) throw new Error("session changed during the request");
  return findProject(userActor(user), projectIdOrSlug).catch(notFoundOn404);
});

/** The signed-in user and their access to the project; visitors go to the login page. */
export async function projectPage(projectIdOrSlug: string, path: string): Promise<{ user: SessionUser; access: ProjectAccess }> {
  const user = (await currentUser()) ?? (await requirePageUser(path));
  return { user, access: await projectAccess(projectIdOrSlug, user.id) };
}

/** A team page for the given roles; `allowed` is false for members below them, whom the page tells why. */
export async function teamPage(teamIdOrSlug: string, path: string, roles: readonly Role[]) {
  const user = (await currentUser()) ?? (await requirePageUser(path));
  const access = await findTeamForUser(user, teamIdOrSlug).catch(notFoundOn404);
  return { user, ...access, allowed: roles.includes(access.role) };
}

/** A team in the switcher: the user's role there and the projects they can open. */
export interface NavigationTeam {
  id: string;
  slug: string;
  name: string;
  role: Role;
  projects: Array<{ slug: string; name: string }>;
}

/** The user's teams with their projects, for the switcher and the menus. */
export const navigationFor = cache(async (userId: string): Promise<NavigationTeam[]> => {
  const user = (await currentUser())!;
  const [teams, projects] = await Promise.all([teamsOfUser(userId), visibleProjects(userActor(user))]);
  return teams.map((team) => ({
    ...team,
    projects: projects.filter((project) => project.teamId === team.id).map(({ slug, name }) => ({ slug, name })),
  }));
});
