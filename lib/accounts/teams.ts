// Teams and their members (PRODUCT.md "Access": roles owner, admin, member).
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { teamRoles } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/client";
import { nameSchema } from "@/lib/validation";
import { slugify, slugSchema } from "./slugs";
import { findUserByEmail } from "./users";

export const roleSchema = z.enum(teamRoles, { error: `role must be one of ${teamRoles.join(", ")}` });

export async function createTeam(input: { name: string; slug?: string }) {
  const parsed = z.object({ name: nameSchema("name"), slug: slugSchema.optional() }).safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid team", parsed.error);
  const slug = parsed.data.slug ?? slugify(parsed.data.name);
  if (!slugSchema.safeParse(slug).success) throw new AppError("bad_request", `Cannot make a slug from "${parsed.data.name}"; pass --slug`);
  if (await prisma.team.findUnique({ where: { slug } })) throw new AppError("conflict", `A team with slug ${slug} already exists; pass another --slug`);
  return prisma.team.create({ data: { name: parsed.data.name, slug }, select: { id: true, slug: true, name: true } });
}

export async function listTeams() {
  return prisma.team.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, _count: { select: { memberships: true, projects: true } } } });
}

/** A team by slug or id, for commands that name one with --team. */
export async function findTeam(slugOrId: string) {
  const isId = z.uuid().safeParse(slugOrId).success;
  const team = await prisma.team.findFirst({ where: isId ? { id: slugOrId } : { slug: slugOrId }, select: { id: true, slug: true, name: true } });
  if (!team) throw new AppError("not_found", `No team "${slugOrId}"`);
  return team;
}

/** Adds the user to the team with the role, or changes the role of a member already there. */
export async function addMember(teamSlugOrId: string, email: string, role: string): Promise<{ changed: "added" | "updated"; role: Role }> {
  const parsedRole = roleSchema.safeParse(role);
  if (!parsedRole.success) throw invalid("bad_request", "Invalid role", parsedRole.error, ["role"]);
  const team = await findTeam(teamSlugOrId);
  const user = await findUserByEmail(email);
  const existing = await prisma.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } } });
  await prisma.membership.upsert({
    where: { teamId_userId: { teamId: team.id, userId: user.id } },
    create: { teamId: team.id, userId: user.id, role: parsedRole.data },
    update: { role: parsedRole.data },
  });
  return { changed: existing ? "updated" : "added", role: parsedRole.data };
}

export async function removeMember(teamSlugOrId: string, email: string): Promise<void> {
  const team = await findTeam(teamSlugOrId);
  const user = await findUserByEmail(email);
  const { count } = await prisma.membership.deleteMany({ where: { teamId: team.id, userId: user.id } });
  if (count === 0) throw new AppError("not_found", `${user.email} is not a member of ${team.slug}`);
}

export async function listMembers(teamSlugOrId: string) {
  const team = await findTeam(teamSlugOrId);
  return prisma.membership.findMany({
    where: { teamId: team.id },
    orderBy: [{ role: "asc" }, { user: { email: "asc" } }],
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
}
