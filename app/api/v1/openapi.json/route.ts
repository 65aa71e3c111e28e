// GET /api/v1/openapi.json — the OpenAPI 3.1 document of REST API v1 (public: it holds no data)
import { NextResponse, type NextRequest } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

export function GET(request: NextRequest) {
  // The server as the caller addressed it (behind a proxy: the forwarded host and protocol).
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  return NextResponse.json(openApiDocument(`${protocol}://${host}`), { headers: { "Cache-Control": "public, max-age=300" } });
}
