import "server-only";
// The session cookie, read without next-auth's request handler (issue 18: session auth as cheap as
// key auth). getServerSession ran next-auth's whole session action per request: decrypt the JWT,
// run the callbacks, encrypt a fresh one and set it again. Here a cookie already seen is one map
// lookup (its token string is the key: unforgeable, and kept no longer than it is valid), and the
// cookie is re-issued once a day of use rather than on every request, so a session still ends 7
// days after it was last used. Revocation is not cached: getSessionUser checks the user's session
// version in the database on every request.
import { cookies } from "next/headers";
import { decode, encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 7;
// A session used again this long after its cookie was issued gets a new cookie (a new 7 days).
const REISSUE_AFTER_SECONDS = 60 * 60 * 24;
const CACHE_LIMIT = 5000;

// next-auth's own naming: the __Secure- prefix when the site is served over https.
const secure = () => (env.NEXTAUTH_URL ?? "").startsWith("https://");
export const sessionCookieName = () => `${secure() ? "__Secure-" : ""}next-auth.session-token`;

const decoded = new Map<string, JWT>();

/** The claims of a session token, decoded once and then remembered until it expires. */
export async function decodeToken(token: string, secret: string): Promise<JWT | null> {
  const cached = decoded.get(token);
  const now = Date.now() / 1000;
  if (cached) {
    if (typeof cached.exp === "number" && cached.exp > now) return cached;
    decoded.delete(token);
    return null;
  }
  const claims = await decode({ token, secret }).catch(() => null);
  if (!claims || typeof claims.exp !== "number" || claims.exp <= now) return null;
  // Oldest first out: a Map keeps insertion order.
  if (decoded.size >= CACHE_LIMIT) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, claims);
  return claims;
}

/** The signed-in session's claims (sub, sessionVersion…), or null without a valid session cookie. */
export async function readSessionToken(): Promise<JWT | null> {
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const jar = await cookies();
  const name = sessionCookieName();
  // next-auth splits a cookie over 4 KB into name.0, name.1…
  const token =
    jar.get(name)?.value ??
    jar
      .getAll()
      .filter((cookie) => cookie.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((cookie) => cookie.value)
      .join("");
  if (!token) return null;
  const claims = await decodeToken(token, secret);
  if (claims && typeof claims.iat === "number" && Date.now() / 1000 - claims.iat > REISSUE_AFTER_SECONDS) await reissue(jar, name, claims, secret);
  return claims;
}

async function reissue(jar: Awaited<ReturnType<typeof cookies>>, name: string, claims: JWT, secret: string) {
  const { iat: _iat, exp: _exp, jti: _jti, ...kept } = claims;
  const token = await encode({ token: kept, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  try {
    jar.set(name, token, { httpOnly: true, sameSite: "lax", path: "/", secure: secure(), maxAge: SESSION_MAX_AGE_SECONDS });
  } catch {
    // A page render cannot set cookies; the next API request from the dashboard will.
  }
}
