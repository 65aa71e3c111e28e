import "server-only";
// next-auth (v4) configuration: email + password against the users table, JWT sessions.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/sessions";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-token";
import { assertSignInAllowed, clearSignInFailures, clientAddress, recordSignInFailure } from "@/lib/auth/sign-in-throttle";

const credentialsSchema = z.object({
  email: z.email().max(320).transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
});

export const authOptions: NextAuthOptions = {
  // Read per request, not at import: `next build` loads this module without any configuration.
  get secret() {
    return env.NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientAddress(request.headers);
        // Checked before the password, so a guesser learns nothing once refused (next-auth passes
        // the thrown message on to the sign-in page as its error).
        await assertSignInAllowed(email, ip);
        const user = await prisma.user.findUnique({ where: { email } });
        if (!user || !(await verifyPassword(password, user.passwordHash))) {
          await recordSignInFailure(email, ip);
          return null;
        }
        await clearSignInFailures(email);
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        // The version this session began with; getSessionUser compares it with the user's.
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub, sessionVersion: token.sessionVersion });
      return session;
    },
  },
  events: {
    // Signing out ends the user's sessions for real: a copied cookie stops working with it.
    async signOut({ token }) {
      if (token?.sub) await endSessions(token.sub);
    },
  },
};
