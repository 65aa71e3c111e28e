import "server-only";
// The one wrapper for /api/v1 route handlers: authentication, JSON parsing with a size limit,
// zod validation and error mapping to the error envelope (PRODUCT.md "REST API v1").
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, errorBody, invalid } from "@/lib/api/errors";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";

export const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext<Params> {
  request: NextRequest;
  user: SessionUser;
  params: Params;
}

type Handler<Params> = (context: RouteContext<Params>) => Promise<Response>;

export function apiRoute<Params extends Record<string, string>>(handler: Handler<Params>) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Sign in or send an API key");
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return NextResponse.json(errorBody(error), { status: error.status });
  console.error("[api] unexpected error", error instanceof Error ? error.message : error);
  return NextResponse.json(errorBody(new AppError("internal", "Something went wrong on our side")), { status: 500 });
}

export async function readJson<S extends z.ZodType>(request: NextRequest, schema: S): Promise<z.output<S>> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new AppError("payload_too_large", `Request body is over ${MAX_BODY_BYTES / 1024} KB`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("payload_too_large", `Request body is over ${MAX_BODY_BYTES / 1024} KB`);
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

export function readQuery<S extends z.ZodType>(request: NextRequest, schema: S): z.output<S> {
  const query = Object.fromEntries(request.nextUrl.searchParams.entries());
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalid("bad_request", "Query parameters are invalid", parsed.error);
  return parsed.data;
}
