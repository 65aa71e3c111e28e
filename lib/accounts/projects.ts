// Projects: a team's apps, whose jobs Taskdeck runs. Slugs are unique across the server.
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { prisma } from "@/lib/db/prisma";
import { nameSchema } from "@/lib/validation";
import { slugify, slugSchema } from "./slugs";
import { findTeam } from "./teams";

export async function createProject(input: { team: string; name: string; slug?: string }) {
  const parsed = z
    .object({ name: nameSchema("name"), slug: slugSchema.optional() })
    .safeParse({ name: input.name, slug: input.slug });
  if (!parsed.success) throw invalid("bad_request", "Invalid project", parsed.error);
  const team = await findTeam(input.team);
  const slug = parsed.data.slug ?? slugify(parsed.data.name);
  if (!slugSchema.safeParse(slug).success) throw new AppError("bad_request", `Cannot make a slug from "${parsed.data.name}"; pass --slug`);
  if (await prisma.project.findUnique({ where: { slug } })) throw new AppError("conflict", `A project with slug ${slug} already exists; pass another --slug`);
  return prisma.project.create({ data: { teamId: team.id, name: parsed.data.name, slug }, select: { id: true, slug: true, name: true, teamId: true } });
}

export async function listProjects(teamSlugOrId?: string) {
  const team = teamSlugOrId ? await findTeam(teamSlugOrId) : null;
  return prisma.project.findMany({
    where: team ? { teamId: team.id, deletedAt: null } : { deletedAt: null },
    orderBy: [{ team: { name: "asc" } }, { name: "asc" }],
    select: { id: true, slug: true, name: true, team: { select: { slug: true } } },
  });
}

/** A project by slug or id, for commands that name one with --project. */
export async function findProjectBySlugOrId(slugOrId: string) {
  const isId = z.uuid().safeParse(slugOrId).success;
  const project = await prisma.project.findFirst({ where: { ...(isId ? { id: slugOrId } : { slug: slugOrId }), deletedAt: null }, select: { id: true, slug: true, name: true } });
  if (!project) throw new AppError("not_found", `No project "${slugOrId}"`);
  return project;
}
