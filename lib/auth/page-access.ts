import "server-only";
// Access for dashboard pages: the same rules as the API (lib/auth/access.ts), with a page's
// answers: the login page for visitors, Next's 404 page for projects and teams they cannot see.
import { notFound } from "next/navigation";
import { AppError } from "@/lib/api/errors";
import { findProject, findTeamForUser, userActor, type ProjectAccess } from "@/lib/auth/access";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/client";

function notFoundOn404(error: unknown): never {
  if (error instanceof AppError && error.code === "not_found") notFound();
  throw error;
}

export async function projectPage(projectIdOrSlug: string, path: string): Promise<{ user: SessionUser; access: ProjectAccess }> {
  const user = await requirePageUser(path);
  const access = await findProject(userActor(user), projectIdOrSlug).catch(notFoundOn404);
  return { user, access };
}

/** A team page for the given roles; `allowed` is false for members below them, whom the page tells why. */
export async function teamPage(teamIdOrSlug: string, path: string, roles: readonly Role[]) {
  const user = await requirePageUser(path);
  const access = await findTeamForUser(user, teamIdOrSlug).catch(notFoundOn404);
  return { user, ...access, allowed: roles.includes(access.role) };
}
