import "server-only";
// DNS-rebinding protection for /api/mcp: a page on another site whose name was made to resolve to
// this server sends its own name as Host, so only this server's own names are answered: APP_URL's
// host, localhost under the port it listens on, and MCP_ALLOWED_HOSTS. Browsers' Origin, when sent,
// must be one of the same.
import { appUrl, env } from "@/lib/env";

export function allowedHosts(): string[] {
  const port = env.PORT;
  const own = new URL(appUrl()).host.toLowerCase();
  return [...new Set([own, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, ...(env.MCP_ALLOWED_HOSTS ?? [])])];
}

export function allowedOrigins(): string[] {
  return allowedHosts().flatMap((host) => [`http://${host}`, `https://${host}`]);
}

/** The SDK's own 403 answer (a JSON-RPC error), given before the API key is even looked at. */
export function rebindingRefusal(request: Request): Response | null {
  const host = request.headers.get("host")?.toLowerCase() ?? "";
  const origin = request.headers.get("origin");
  const reason = !allowedHosts().includes(host) ? `Invalid Host header: ${host}` : origin !== null && !allowedOrigins().includes(origin) ? `Invalid Origin header: ${origin}` : null;
  return reason === null ? null : Response.json({ jsonrpc: "2.0", error: { code: -32000, message: reason }, id: null }, { status: 403 });
}
