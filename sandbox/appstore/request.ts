// What a sandbox route gets: the parsed request, the apps the caller's key may see, and lookups
// that answer 404 the way App Store Connect does for ids the key cannot see.
import type { SandboxAppData } from "./data";
import { appleErrors, SandboxError, type Reply } from "./documents";

export interface SandboxRequest {
  method: string;
  url: URL;
  /** Path segments after /v1. */
  segments: string[];
  body: unknown;
  apps: SandboxAppData[];
  /** http://host:port of the sandbox, for absolute links. */
  origin: string;
  now: number;
}

export type Route = (request: SandboxRequest) => Reply | null;

export function findApp(request: SandboxRequest, appId: string): SandboxAppData {
  const app = request.apps.find((candidate) => candidate.appId === appId);
  if (!app) throw new SandboxError(appleErrors.notFound("apps", appId));
  return app;
}

/** Finds a record by id in whichever of the key's apps holds it. */
export function findIn<T extends { id: string }>(
  request: SandboxRequest,
  type: string,
  id: string,
  list: (app: SandboxAppData) => Iterable<T>,
): { app: SandboxAppData; record: T } {
  for (const app of request.apps) {
    for (const record of list(app)) if (record.id === id) return { app, record };
  }
  throw new SandboxError(appleErrors.notFound(type, id));
}

/** The `data` of a JSON:API request body, or a 409 ENTITY_ERROR when there is none. */
export function requestData(request: SandboxRequest, type: string): { id?: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: { type?: string; id?: string } }> } {
  const data = (request.body as { data?: Record<string, unknown> } | null)?.data;
  if (!data || data.type !== type) throw new SandboxError(appleErrors.entity(`The request body must have data of type '${type}'`));
  return {
    id: typeof data.id === "string" ? data.id : undefined,
    attributes: (data.attributes ?? {}) as Record<string, unknown>,
    relationships: (data.relationships ?? {}) as Record<string, { data?: { type?: string; id?: string } }>,
  };
}

export const includes = (request: SandboxRequest, name: string) => (request.url.searchParams.get("include") ?? "").split(",").includes(name);

/** A comma-separated filter as a set, or null when the filter is absent. */
export function filter(request: SandboxRequest, name: string): Set<string> | null {
  const value = request.url.searchParams.get(`filter[${name}]`);
  return value === null ? null : new Set(value.split(","));
}
