// The proxy's table of route methods (lib/api/route-methods.ts) says exactly what app/api exports:
// a route added or changed without the table would get the wrong 405s.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedMethods, apiRouteMethods, httpMethods } from "@/lib/api/route-methods";

function routeFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

const exportedMethods = (source: string) =>
  httpMethods.filter((method) => new RegExp(`export (const|async function|function) ${method}\\b|as ${method}\\b`).test(source));

describe("route methods", () => {
  it("lists every route under app/api with the methods it exports", () => {
    const found: Record<string, string[]> = {};
    for (const file of routeFiles("app/api")) {
      const route = `/${path.dirname(file).replace(/^app\//, "")}`;
      // The catch-all answers every path that is no route: it is the 404, not a route of the table.
      if (route === "/api/[[...path]]") continue;
      found[route] = exportedMethods(readFileSync(file, "utf8"));
    }
    for (const [route, methods] of Object.entries(found)) expect([...(apiRouteMethods[route] ?? [])].sort(), route).toEqual([...methods].sort());
    // The MCP route is another engineer's; it is listed ahead of its arrival.
    const missing = Object.keys(apiRouteMethods).filter((route) => !(route in found) && route !== "/api/mcp");
    expect(missing).toEqual([]);
  });

  it("adds Next's own HEAD and OPTIONS, and knows no other path", () => {
    expect(allowedMethods("/api/v1/projects")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/v1/runs/abc/cancel")).toEqual(["OPTIONS", "POST"]);
    expect(allowedMethods("/api/auth/callback/credentials")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(allowedMethods("/api/v1/nope")).toBeNull();
    expect(allowedMethods("/api/v1/openapi2json")).toBeNull();
  });
});
