// Runs before every route (Next's proxy, formerly middleware): refuses requests that no route can
// answer properly, with the API's JSON errors under /api/ (lib/api/request-guard.ts).
import { NextResponse, type NextRequest } from "next/server";
import { refuseRequest } from "@/lib/api/request-guard";

export function proxy(request: NextRequest) {
  return refuseRequest(request.method, request.nextUrl.pathname) ?? NextResponse.next();
}

// Build output and static files never need the check.
export const config = { matcher: "/((?!_next/static|_next/image).*)" };
