// Any other path under /api/ (and /api itself) — 404 in the API's error envelope, not the dashboard's HTML page.
import { errorResponse } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

const notFound = async () => errorResponse(new AppError("not_found", "No such API route; see /api/v1/openapi.json"));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
