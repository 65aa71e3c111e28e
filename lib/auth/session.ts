import "server-only";
// The signed-in user, for pages and route handlers. Roles are read fresh from the database on
// every request, so a removed member loses access at once even with a valid session cookie, and
// so is the session version, so a session ended by sign-out or a password change stops at once.
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { prisma } from "@/lib/db/prisma";
import { isCurrentSession } from "@/lib/auth/sessions";
import { readSessionToken } from "@/lib/auth/session-token";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  // Who is signed in is only known per request: keeps Next from prerendering callers at build time.
  await connection();
  const claims = await readSessionToken();
  if (typeof claims?.sub !== "string") return null;
  const user = await prisma.user.findUnique({ where: { id: claims.sub }, select: { id: true, email: true, name: true, sessionVersion: true } });
  // Signed out or password changed since this session began: the cookie no longer works.
  if (!user || !isCurrentSession(user, typeof claims.sessionVersion === "number" ? claims.sessionVersion : undefined)) return null;
  return { id: user.id, email: user.email, name: user.name };
}

// For pages: send visitors without a session to the login page.
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
