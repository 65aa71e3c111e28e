// Who may do what (PRODUCT.md "Access"): jobs need the admin or owner role, and a project of
// another team answers 404 so its existence is never revealed.
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { Role } from "@/lib/generated/prisma/client";
import { getRunForTeams } from "@/lib/jobs/runs";

export const jobRoles: Role[] = ["owner", "admin"];

export function canUseJobs(role: Role): boolean {
  return jobRoles.includes(role);
}

export interface ProjectAccess {
  project: { id: string; slug: string; name: string; teamId: string };
  role: Role;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves `:projectId` (an id or a slug) to a project the user belongs to, or throws 404. */
export async function findProjectForUser(userId: string, projectIdOrSlug: string): Promise<ProjectAccess> {
  const project = await prisma.project.findFirst({
    where: {
      ...(UUID.test(projectIdOrSlug) ? { id: projectIdOrSlug } : { slug: projectIdOrSlug }),
      team: { memberships: { some: { userId } } },
    },
    select: { id: true, slug: true, name: true, teamId: true, team: { select: { memberships: { where: { userId }, select: { role: true } } } } },
  });
  const role = project?.team.memberships[0]?.role;
  if (!project || !role) throw new AppError("not_found", "Project not found");
  return { project: { id: project.id, slug: project.slug, name: project.name, teamId: project.teamId }, role };
}

/** Like findProjectForUser, and the user must be allowed to use jobs there. */
export async function requireJobAccess(userId: string, projectIdOrSlug: string): Promise<ProjectAccess> {
  const access = await findProjectForUser(userId, projectIdOrSlug);
  if (!canUseJobs(access.role)) throw new AppError("forbidden", "Jobs need the admin or owner role in this team");
  return access;
}

export async function teamIdsOfUser(userId: string): Promise<string[]> {
  const memberships = await prisma.membership.findMany({ where: { userId }, select: { teamId: true } });
  return memberships.map((membership) => membership.teamId);
}

export async function projectsForUser(userId: string) {
  return prisma.project.findMany({
    where: { team: { memberships: { some: { userId } } } },
    orderBy: [{ name: "asc" }],
    select: { id: true, slug: true, name: true, teamId: true },
  });
}

/** A run of a project the user may use jobs in: 404 for strangers and system runs, 403 for members. */
export async function requireRunAccess(userId: string, runId: string) {
  // A malformed id cannot name any run: answer like an unknown one.
  if (!UUID.test(runId)) throw new AppError("not_found", "Run not found");
  const run = await getRunForTeams(runId, await teamIdsOfUser(userId));
  await requireJobAccess(userId, run.projectId!);
  return run;
}
