import "server-only";
// The wrapper for the ingest endpoints (/api/v1/ingest/*): authentication with a project ingest
// key only (never a session or a team API key: apps, not people, send events), the per-key rate
// limit, CORS for web apps sending from their own origin (a bearer key, never cookies, so any
// origin may), and the same error envelope as the rest of the API.
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { checkRateLimit, rateLimitError } from "@/lib/api/rate-limit";
import { errorResponse } from "@/lib/api/route";
import { env } from "@/lib/env";
import { authenticateIngestKey, type IngestActor } from "@/lib/events/ingest-keys";

export interface IngestContext<Params> {
  request: NextRequest;
  actor: IngestActor;
  params: Params;
}

const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Max-Age": "86400",
};

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(corsHeaders)) response.headers.set(name, value);
  return response;
}

/** The answer to a browser's preflight request. */
export function ingestPreflight(): Response {
  return withCors(new Response(null, { status: 204 }));
}

export function ingestRoute<Params extends Record<string, string>>(handler: (context: IngestContext<Params>) => Promise<Response>) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      return withCors(await handler({ request, actor, params: await context.params }));
    } catch (error) {
      return withCors(errorResponse(error));
    }
  };
}

async function authenticate(request: NextRequest): Promise<IngestActor> {
  const header = request.headers.get("authorization");
  const token = header === null ? null : /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (!token) throw new AppError("unauthorized", "Send the project's ingest key as `Authorization: Bearer <ingest key>`");
  const actor = await authenticateIngestKey(token);
  if (!actor) throw new AppError("unauthorized", "The ingest key is not valid, or it was revoked or deleted");
  const verdict = await checkRateLimit(actor.keyId, env.INGEST_RATE_LIMIT_PER_MINUTE);
  if (!verdict.allowed) throw rateLimitError(verdict);
  return actor;
}
