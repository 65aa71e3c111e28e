import "server-only";
// The one wrapper for /api/v1 route handlers: authentication (an API key or the dashboard
// session), per-key rate limiting, JSON parsing with a size limit, zod validation and error
// mapping to the error envelope (PRODUCT.md "REST API v1"). Authorization is the handler's first
// line, through lib/auth/access.ts.
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, errorBody, invalid } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/api/limits";
import { checkRateLimit, rateLimitError } from "@/lib/api/rate-limit";
import { userActor, type Actor } from "@/lib/auth/access";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { getSessionUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { assertSameOrigin } from "@/lib/api/same-origin";

export { MAX_BODY_BYTES };

// How long a client is asked to wait when the database is down (a restart takes seconds).
const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface RouteContext<Params> {
  request: NextRequest;
  actor: Actor;
  params: Params;
}

type Handler<Params> = (context: RouteContext<Params>) => Promise<Response>;

export function apiRoute<Params extends Record<string, string>>(handler: Handler<Params>) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      return await handler({ request, actor, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

// A request that sends an Authorization header is judged by it alone: a bad key is 401 even when
// a session cookie rides along, so a script never silently acts as whoever is signed in.
async function authenticate(request: NextRequest): Promise<Actor> {
  const header = request.headers.get("authorization");
  // The remote CLI names itself (cli/remote/client.ts), for the audit trail's "from the CLI".
  if (header !== null) return { ...(await authenticateKey(header)), via: request.headers.get("x-taskdeck-client") === "cli" ? "cli" : "api" };
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`");
  // The cookie rides along on any site's request; only the app's own pages may change things with it.
  assertSameOrigin(request);
  return userActor(user);
}

/** An `Authorization: Bearer <api key>` header: the key's actor, rate-limited per key (REST API and MCP alike). */
export async function authenticateKey(header: string | null): Promise<Actor> {
  const token = header === null ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (!token) throw new AppError("unauthorized", "The Authorization header must be `Bearer <api key>`");
  const key = await authenticateApiKey(token);
  if (!key) throw new AppError("unauthorized", "The API key is not valid, or it was revoked");
  const verdict = await checkRateLimit(key.id, key.rateLimitPerMinute ?? undefined);
  if (!verdict.allowed) throw rateLimitError(verdict);
  return { kind: "api_key", key };
}

/**
 * Any error as the API's error: an AppError as it is; a stopped or restarting database (not a
 * bug) as 503 unavailable, telling the client to come back shortly; anything else as a 500 without
 * internals, logged. The REST routes and the MCP tools answer with the same.
 */
export function toAppError(error: unknown, surface = "api"): AppError {
  if (error instanceof AppError) return error;
  const detail = error instanceof Error ? error.message : error;
  if (isDatabaseUnavailable(error)) {
    console.error(`[${surface}] database unavailable`, detail);
    return new AppError("unavailable", "The database is unavailable right now; try again in a few seconds", { details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } });
  }
  console.error(`[${surface}] unexpected error`, detail);
  return new AppError("internal", "Something went wrong on our side");
}

export function errorResponse(error: unknown): Response {
  const known = toAppError(error);
  const headers = new Headers();
  if (known.code === "unauthorized") headers.set("WWW-Authenticate", 'Bearer realm="taskdeck"');
  if (known.code === "rate_limited" || known.code === "unavailable") headers.set("Retry-After", String(known.details?.retryAfterSeconds ?? 1));
  return NextResponse.json(errorBody(known), { status: known.status, headers });
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", maxBytes >= 1024 * 1024 ? `Request body is over ${maxBytes / 1024 / 1024} MB` : `Request body is over ${maxBytes / 1024} KB`);

// Reads at most `maxBytes`, whatever Content-Length claims: a chunked upload is cut off as soon as
// it passes the limit instead of being buffered whole.
export async function readBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.output<S>> {
  const text = (await readBody(request, maxBytes)).toString("utf8");
  // A body must say it is JSON: browsers send text/plain and form bodies cross-site without a
  // preflight, and a JSON content type is what forces one.
  if (text.trim() !== "" && !isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON, with `Content-Type: application/json`");
  }
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid("bad_request", "Request body is invalid", parsed.error);
  return parsed.data;
}

const isJsonContentType = (value: string | null) => value !== null && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(value.trim());

export function readQuery<S extends z.ZodType>(request: NextRequest, schema: S): z.output<S> {
  const query = Object.fromEntries(request.nextUrl.searchParams.entries());
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalid("bad_request", "Query parameters are invalid", parsed.error);
  return parsed.data;
}
