// People who sign in: created by the server owner (`taskdeck admin users create`), who also sets
// new passwords (`taskdeck admin users set-password`).
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/prisma";
import { nameSchema } from "@/lib/validation";

export const createUserSchema = z.object({
  email: z.email("email must be an email address").max(320).transform((email) => email.toLowerCase()),
  password: z.string().min(8, "password must be at least 8 characters").max(200, "password must be at most 200 characters"),
  name: nameSchema("name").optional(),
});

export async function createUser(input: z.input<typeof createUserSchema>) {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid user", parsed.error);
  const { email, password, name } = parsed.data;
  if (await prisma.user.findUnique({ where: { email } })) throw new AppError("conflict", `A user with email ${email} already exists`);
  return prisma.user.create({ data: { email, name: name ?? null, passwordHash: await hashPassword(password) }, select: { id: true, email: true, name: true } });
}

/** A new password, which also ends every session of the user (lib/auth/sessions.ts). */
export async function setPassword(input: { email: string; password: string }) {
  const parsed = createUserSchema.pick({ email: true, password: true }).safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid password change", parsed.error);
  const { email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const changed = await prisma.user.updateMany({ where: { email }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  if (changed.count === 0) throw new AppError("not_found", `No user with email ${email}`);
}

export async function listUsers() {
  return prisma.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, createdAt: true, memberships: { select: { role: true, team: { select: { slug: true } } } } },
  });
}

export async function findUserByEmail(email: string) {
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("not_found", `No user with email ${email}`);
  return user;
}
