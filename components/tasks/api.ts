// Browser-side calls to the REST API v1 (the dashboard uses the same API as scripts do).
import type { ApiRun } from "@/lib/jobs/runs";

export type { ApiRun };

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { "Content-Type": "application/json", ...init?.headers } });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = (body.error ?? {}) as { code?: string; message?: string };
    throw new ApiRequestError(response.status, error.code ?? "http_error", error.message ?? response.statusText, error);
  }
  return body as T;
}

export function listRuns(projectId: string, limit = 25) {
  return request<{ runs: ApiRun[]; nextCursor: string | null }>(`/api/v1/projects/${projectId}/runs?limit=${limit}`);
}

export function triggerJob(projectId: string, body: { type: string; params?: Record<string, unknown>; notify?: boolean }) {
  return request<{ run: ApiRun }>(`/api/v1/projects/${projectId}/jobs`, { method: "POST", body: JSON.stringify(body) });
}
