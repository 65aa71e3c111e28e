import "server-only";
// Ending sessions (issue 17, item 5). Sessions are JWTs in a cookie, valid on their own until they
// expire; each carries the user's session version from sign-in, and getSessionUser
// (lib/auth/session.ts) refuses one whose version is no longer the user's. Bumping the version
// ends every session of the user at once, on every device, copied cookies included.
import { prisma } from "@/lib/db/prisma";

export async function endSessions(userId: string): Promise<void> {
  // updateMany: a user deleted meanwhile has no sessions left to end.
  await prisma.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Whether a session signed in with `version` is still the user's current one. */
export const isCurrentSession = (user: { sessionVersion: number }, version: number | undefined) => user.sessionVersion === (version ?? 0);
