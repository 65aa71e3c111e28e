import "server-only";
// Who may do what (PRODUCT.md "Access"): the one authorization module, used by pages, server
// actions and route handlers alike. An actor is a signed-in user or an API key.
// - A project is visible to the members of its team (any role) and to its team's keys; anything
//   else, and every system run, answers 404 so its existence is never revealed.
// - Seeing a project's job types needs only visibility. Runs and lanes need jobs:read; triggering,
//   cancelling, retrying and resuming lanes need jobs:write (403 without).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { KeyActor } from "@/lib/auth/api-keys";
import { rolePermissions, type Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db/prisma";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import { runInclude, type RunRecord } from "@/lib/jobs/runs";
import type { Attribution, TriggerSource } from "@/lib/jobs/attribution";
import type { AuditActor, AuditSurface } from "@/lib/jobs/audit";

/**
 * A signed-in user or an API key. `via` is the surface the request came through, for the audit
 * trail: a session is the dashboard; a key is the REST API unless it says it is the CLI, or came
 * through MCP.
 */
export type Actor = { kind: "user"; user: SessionUser; via?: AuditSurface } | { kind: "api_key"; key: KeyActor; via?: AuditSurface };

export interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
  teamId: string;
}

export interface ProjectAccess {
  project: ProjectSummary;
  /** The user's role in the project's team; null for an API key. */
  role: Role | null;
  permissions: Permission[];
}

const isUuid = (value: string) => z.uuid().safeParse(value).success;
// Ids and slugs are short words; anything else (NUL bytes, slashes, 1000-character strings) cannot
// name a project or team, so it is answered like an unknown one without asking the database.
const isIdentifier = (value: string) => /^[A-Za-z0-9_-]{1,100}$/.test(value);
const projectSelect = { id: true, slug: true, name: true, teamId: true } as const;

export const userActor = (user: SessionUser): Actor => ({ kind: "user", user });

function visibleTo(actor: Actor): Prisma.ProjectWhereInput {
  // A soft-deleted project is gone for everyone at once (lib/accounts/soft-delete.ts).
  return actor.kind === "user" ? { deletedAt: null, team: { memberships: { some: { userId: actor.user.id } } } } : { deletedAt: null, teamId: actor.key.teamId };
}

async function permissionsIn(actor: Actor, teamId: string): Promise<{ role: Role | null; permissions: Permission[] }> {
  if (actor.kind === "api_key") return { role: null, permissions: actor.key.teamId === teamId ? actor.key.permissions : [] };
  const membership = await prisma.membership.findUnique({ where: { teamId_userId: { teamId, userId: actor.user.id } }, select: { role: true } });
  return membership ? { role: membership.role, permissions: rolePermissions(membership.role) } : { role: null, permissions: [] };
}

export function can(access: Pick<ProjectAccess, "permissions">, permission: Permission): boolean {
  return access.permissions.includes(permission);
}

function forbidden(actor: Actor, permission: Permission): AppError {
  const why = actor.kind === "user" ? "Jobs need the admin or owner role in this team" : `This API key lacks the ${permission} permission`;
  return new AppError("forbidden", why, { details: { permission } });
}

/** A project the actor can see, by id or slug (`:projectId`), or 404. */
export async function findProject(actor: Actor, projectIdOrSlug: string): Promise<ProjectAccess> {
  const project = isIdentifier(projectIdOrSlug)
    ? await prisma.project.findFirst({
        where: { ...(isUuid(projectIdOrSlug) ? { id: projectIdOrSlug } : { slug: projectIdOrSlug }), ...visibleTo(actor) },
        select: projectSelect,
      })
    : null;
  if (!project) throw new AppError("not_found", "Project not found");
  return { project, ...(await permissionsIn(actor, project.teamId)) };
}

/** Like findProject, and the actor must hold the permission there (403 otherwise). */
export async function requireProject(actor: Actor, projectIdOrSlug: string, permission: Permission): Promise<ProjectAccess> {
  const access = await findProject(actor, projectIdOrSlug);
  if (!can(access, permission)) throw forbidden(actor, permission);
  return access;
}

export async function visibleProjects(actor: Actor): Promise<ProjectSummary[]> {
  return prisma.project.findMany({ where: visibleTo(actor), orderBy: [{ name: "asc" }, { id: "asc" }], select: projectSelect });
}

/** A run of a project the actor can see, with the permission there: 404 for strangers and system runs. */
export async function requireRun(actor: Actor, runId: string, permission: Permission): Promise<RunRecord> {
  if (!isUuid(runId)) throw new AppError("not_found", "Run not found");
  const run = await prisma.jobRun.findFirst({ where: { id: runId, project: visibleTo(actor) }, include: runInclude });
  if (!run?.projectId) throw new AppError("not_found", "Run not found");
  await requireProject(actor, run.projectId, permission);
  return run;
}

/** The user's team by id or slug, with their role there; 404 outside it. */
export async function findTeamForUser(user: SessionUser, teamIdOrSlug: string) {
  const team = isIdentifier(teamIdOrSlug)
    ? await prisma.team.findFirst({
        where: { ...(isUuid(teamIdOrSlug) ? { id: teamIdOrSlug } : { slug: teamIdOrSlug }), memberships: { some: { userId: user.id } } },
        select: { id: true, slug: true, name: true, memberships: { where: { userId: user.id }, select: { id: true, role: true } } },
      })
    : null;
  const membership = team?.memberships[0];
  if (!team || !membership) throw new AppError("not_found", "Team not found");
  return { team: { id: team.id, slug: team.slug, name: team.name }, role: membership.role, membershipId: membership.id };
}

/** Like findTeamForUser, and the user must hold one of the roles (403 otherwise). */
export async function requireTeamRole(user: SessionUser, teamIdOrSlug: string, roles: readonly Role[]) {
  const access = await findTeamForUser(user, teamIdOrSlug);
  if (!roles.includes(access.role)) throw new AppError("forbidden", `This needs the ${roles.join(" or ")} role in ${access.team.name}`);
  return access;
}

/** The teams a user belongs to, with their role: the team switcher and settings links. */
export async function teamsOfUser(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: { team: { name: "asc" } },
    select: { role: true, team: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map(({ role, team }) => ({ ...team, role }));
}

/** Who a run this actor starts is attributed to; the user (a key's creator) gets notify emails. */
export function actorAttribution(actor: Actor): Attribution {
  return actor.kind === "user" ? { userId: actor.user.id, apiKeyId: null } : { userId: actor.key.createdById, apiKeyId: actor.key.id };
}

/** Who the audit trail names for this actor's actions, and from where. */
export function auditActor(actor: Actor): AuditActor {
  return { ...actorAttribution(actor), surface: actor.via ?? (actor.kind === "user" ? "dashboard" : "api") };
}

export function triggerSource(actor: Actor): TriggerSource {
  return actor.kind === "user" ? { kind: "user", userId: actor.user.id } : { kind: "api_key", ...actorAttribution(actor) };
}
