// GET /api/v1/openapi.json — the OpenAPI 3.1 document of REST API v1 (public: it holds no data)
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

// The server is "/", relative to wherever the document was fetched from: nothing in the answer
// comes from request headers, so a shared cache can never hand out a document pointing elsewhere.
export function GET() {
  return NextResponse.json(openApiDocument("/"), { headers: { "Cache-Control": "public, max-age=300" } });
}
