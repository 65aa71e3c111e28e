// Teams, which own projects and API keys; their members and roles are in ./members.ts.
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { prisma } from "@/lib/db/prisma";
import { nameSchema } from "@/lib/validation";
import { slugify, slugSchema } from "./slugs";

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
