import "server-only";
// The signed-in user, for pages and route handlers. Roles are read fresh from the database on
// every request, so a removed member loses access at once even with a valid session cookie.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { prisma } from "@/lib/db/prisma";
import { authOptions } from "@/lib/auth/options";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  // Who is signed in is only known per request: keeps Next from prerendering callers at build time.
  await connection();
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

// For pages: send visitors without a session to the login page.
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
