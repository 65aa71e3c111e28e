import "server-only";
// CSRF defence for the dashboard session (issue 17, item 3): a browser attaches the session cookie
// to requests that other sites start (a form, a `no-cors` fetch), so a cookie-authenticated
// mutation must name this app as its origin. Bearer-key requests carry no ambient credential and
// need no check.
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

const originOf = (url: string | undefined | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** The origins this app is served from: the request's own Host, APP_URL and NEXTAUTH_URL. */
function ownOrigins(request: Request): Set<string> {
  const origins = new Set<string>();
  const host = request.headers.get("host");
  if (host) {
    // Behind a TLS-terminating proxy the request arrives as http; the browser's origin is https.
    const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
    const protocol = forwarded === "https" || forwarded === "http" ? forwarded : new URL(request.url).protocol.replace(":", "");
    origins.add(`${protocol}://${host}`);
  }
  for (const configured of [env.APP_URL, env.NEXTAUTH_URL]) {
    const origin = originOf(configured);
    if (origin) origins.add(origin);
  }
  return origins;
}

/** Throws 403 unless a cookie-authenticated request that changes something comes from this app. */
export function assertSameOrigin(request: Request): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.get("origin");
  // Without Origin (older browsers, some same-origin requests), the Referer's origin stands in.
  const claimed = origin && origin !== "null" ? originOf(origin) : originOf(request.headers.get("referer"));
  if (claimed && ownOrigins(request).has(claimed)) return;
  throw new AppError(
    "forbidden",
    claimed
      ? `Cross-origin request refused: a signed-in change must come from this app's own pages, not ${claimed}`
      : "Cross-origin request refused: a signed-in change must carry an Origin (or Referer) header naming this app; scripts should use an API key",
  );
}
