// Conditional GETs: an ETag on answers that are polled (the dashboard refreshes runs every second
// while one is active), so a refresh that finds nothing changed is a 304 with no body, and the
// browser serves its cached copy. `no-cache` makes the browser revalidate every time.
import { createHash } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";

export function etagOf(...parts: unknown[]): string {
  return `W/"${createHash("sha1").update(JSON.stringify(parts)).digest("base64url").slice(0, 22)}"`;
}

const cacheHeaders = (etag: string) => ({ ETag: etag, "Cache-Control": "private, no-cache", Vary: "Authorization, Cookie" });

/** 304 when the caller already holds this version, otherwise null. */
export function notModified(request: NextRequest, etag: string): Response | null {
  const held = request.headers.get("if-none-match");
  if (!held || !held.split(",").some((tag) => tag.trim() === etag)) return null;
  return new NextResponse(null, { status: 304, headers: cacheHeaders(etag) });
}

export function jsonWithEtag(body: unknown, etag: string): Response {
  return NextResponse.json(body, { headers: cacheHeaders(etag) });
}
