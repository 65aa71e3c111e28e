// The methods each route under /api/ answers, for the proxy (proxy.ts): Next answers any other
// method on a real route with an empty 405, so the proxy refuses it first with a JSON 405 and an
// Allow header. tests/unit/route-methods.test.ts keeps this list equal to what app/api exports.
export const httpMethods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** Route paths as in app/api (`[name]` one segment, `[...name]` the rest) and their exported methods. */
export const apiRouteMethods: Record<string, readonly HttpMethod[]> = {
  "/api/auth/[...nextauth]": ["GET", "POST"],
  "/api/dashboard/projects/[projectId]/job-types": ["GET"],
  "/api/dashboard/projects/[projectId]/picker-options": ["GET"],
  "/api/dashboard/runs/[runId]": ["GET"],
  // Load balancers' probes: no auth, no details.
  "/api/health": ["GET"],
  "/api/ready": ["GET"],
  // The MCP server (PRODUCT.md "MCP"), Streamable HTTP.
  "/api/mcp": ["GET", "POST", "DELETE"],
  "/api/v1/ingest/attachments/[attachmentId]": ["DELETE", "OPTIONS"],
  "/api/v1/ingest/attachments": ["POST", "OPTIONS"],
  "/api/v1/ingest/events": ["POST", "OPTIONS"],
  "/api/v1/issues/[issueId]/ignore": ["POST"],
  "/api/v1/issues/[issueId]/resolve": ["POST"],
  "/api/v1/issues/[issueId]": ["GET"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/projects/[projectId]/ads/sync": ["POST"],
  "/api/v1/projects/[projectId]/failures": ["GET"],
  "/api/v1/projects/[projectId]/overview": ["GET"],
  "/api/v1/projects/[projectId]/failures/retry": ["POST"],
  "/api/v1/projects/[projectId]/integrations/app-store-connect/sync": ["POST"],
  "/api/v1/projects/[projectId]/issues": ["GET"],
  "/api/v1/projects/[projectId]/job-types": ["GET"],
  "/api/v1/projects/[projectId]/jobs": ["POST"],
  "/api/v1/projects/[projectId]/lane/retry": ["POST"],
  "/api/v1/projects/[projectId]/lane": ["GET"],
  "/api/v1/projects/[projectId]/lane/skip": ["POST"],
  "/api/v1/projects/[projectId]/ratings/sync": ["POST"],
  "/api/v1/projects/[projectId]/runs": ["GET"],
  "/api/v1/projects/[projectId]/runs/cancel-pending": ["POST"],
  "/api/v1/projects/[projectId]/schedules": ["GET", "PUT"],
  "/api/v1/projects": ["GET"],
  "/api/v1/runs/[runId]/cancel": ["POST"],
  "/api/v1/runs/[runId]/logs": ["GET"],
  "/api/v1/runs/[runId]/retry": ["POST"],
  "/api/v1/runs/[runId]": ["GET"],
};

const matchers = Object.entries(apiRouteMethods).map(([route, methods]) => {
  const pattern = route
    .split("/")
    .map((segment) => (segment.startsWith("[...") ? ".+" : segment.startsWith("[") ? "[^/]+" : segment.replaceAll(".", "\\.")))
    .join("/");
  return { regex: new RegExp(`^${pattern}/?$`), methods };
});

/**
 * What a path under /api/ answers: Next's own additions included (HEAD where there is GET, and
 * OPTIONS everywhere), or null for a path that is no route (the catch-all answers it with 404).
 */
export function allowedMethods(pathname: string): HttpMethod[] | null {
  // Static routes win over dynamic ones in Next, but no static route here shadows a dynamic one
  // with other methods, so the first match is the route.
  const route = matchers.find((matcher) => matcher.regex.test(pathname));
  if (!route) return null;
  const allowed = new Set<HttpMethod>([...route.methods, "OPTIONS"]);
  if (allowed.has("GET")) allowed.add("HEAD");
  return httpMethods.filter((method) => allowed.has(method));
}
