// Requests refused before any route runs (proxy.ts), each with the API's JSON error envelope under
// /api/: an address that is not valid percent-encoding (Next would answer a text 500 while decoding
// route params) and a method the route does not answer (Next would answer an empty 405).
import { AppError, errorBody } from "@/lib/errors";
import { allowedMethods } from "@/lib/api/route-methods";

export function hasValidPercentEncoding(pathname: string): boolean {
  try {
    // Next decodes each segment for the route params; decoding the whole path fails alike.
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const json = (error: AppError, headers: Record<string, string> = {}) =>
  Response.json(errorBody(error), { status: error.status, headers });

/** The answer for a request no route should see, or null to let it through. */
export function refuseRequest(method: string, pathname: string): Response | null {
  const api = isApiPath(pathname);
  if (!hasValidPercentEncoding(pathname)) {
    console.warn(`[web] ${method} refused with 400: the address is not valid percent-encoding (${pathname.slice(0, 200)})`);
    const message = "The address is not valid percent-encoding (a % must start a UTF-8 escape such as %20)";
    return api ? json(new AppError("bad_request", message)) : text(400, `Bad request: ${message}`);
  }
  if (!api) return null;
  const allowed = allowedMethods(pathname);
  return allowed && !(allowed as string[]).includes(method) ? methodNotAllowed(method, pathname) : null;
}

/** 405 with an Allow header: the route's methods under /api/, a page's GET and HEAD elsewhere. */
export function methodNotAllowed(method: string, pathname: string): Response {
  const allowed = (isApiPath(pathname) ? allowedMethods(pathname) : null) ?? ["GET", "HEAD"];
  const message = `${method} is not allowed here; this address answers ${allowed.join(", ")}`;
  const headers = { Allow: allowed.join(", ") };
  return isApiPath(pathname) ? json(new AppError("method_not_allowed", message), headers) : text(405, message, headers);
}

const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(`${message}\n`, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
