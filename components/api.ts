// The dashboard's calls to the server: REST API v1 (the same API scripts use) and the two polled
// /api/dashboard shapes. Answers carry ETags and `no-cache`, so the browser revalidates each poll
// and an unchanged answer comes back as 304 from the server and the cached body here.
import type { FailureGroup } from "@/lib/jobs/failures";
import type { DashboardJobType } from "@/lib/dashboard/job-types";
import type { PickerOptions } from "@/lib/dashboard/picker-options";
import type { DashboardRun } from "@/lib/dashboard/run";
import type { ApiRun, RunStatus } from "@/lib/jobs/schemas";

export type { ApiRun, DashboardJobType, DashboardRun, FailureGroup, PickerOptions };

export interface LaneState {
  paused: boolean;
  pausedByRunId: string | null;
  error: { message: string } | null;
  queued: Array<{ id: string; type: string; position: number }>;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiRequestError";
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

const post = <T>(path: string, body: unknown = {}) => request<T>(path, { method: "POST", body: JSON.stringify(body) });
const project = (id: string) => `/api/v1/projects/${encodeURIComponent(id)}`;

export interface RunFilters {
  status?: RunStatus;
  type?: string;
  from?: string;
  trigger?: string;
  param?: string;
  id?: string;
}

export function listRuns(projectId: string, filters: RunFilters = {}, cursor?: string, limit = 25) {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (cursor) query.set("cursor", cursor);
  return request<{ runs: ApiRun[]; nextCursor: string | null }>(`${project(projectId)}/runs?${query}`);
}

export const getRun = (runId: string) => request<{ run: ApiRun }>(`/api/v1/runs/${runId}`);
export const getDashboardRun = (runId: string) => request<DashboardRun>(`/api/dashboard/runs/${runId}`);
export const getJobTypes = (projectId: string) => request<{ jobTypes: DashboardJobType[] }>(`/api/dashboard/projects/${encodeURIComponent(projectId)}/job-types`);
/** What a Run now picker offers from the project's pulled data; reviews searched and paged on the server. */
export function getPickerOptions(projectId: string, query: { kind: string; q?: string; reply?: "unanswered" | "any"; cursor?: string }) {
  const search = new URLSearchParams({ kind: query.kind });
  for (const name of ["q", "reply", "cursor"] as const) if (query[name]) search.set(name, query[name]);
  return request<PickerOptions>(`/api/dashboard/projects/${encodeURIComponent(projectId)}/picker-options?${search}`);
}
export const triggerJob = (projectId: string, body: { type: string; params?: Record<string, unknown>; notify?: boolean }) =>
  post<{ run: ApiRun }>(`${project(projectId)}/jobs`, body);
export const cancelRun = (runId: string) => post<{ run: ApiRun }>(`/api/v1/runs/${runId}/cancel`);
/** Retries a run; with params, the retry takes those instead ("Retry with changes"). */
export const retryRun = (runId: string, params?: Record<string, unknown>) => post<{ run: ApiRun }>(`/api/v1/runs/${runId}/retry`, params ? { params } : {});
/** A failure group's "Retry all"; with dryRun, only the count it would retry. */
export const retryFailureGroup = (projectId: string, body: { type: string; fingerprint: string; window: string; dryRun?: boolean }) =>
  post<{ dryRun: boolean; planned: number; leftOver: number; retried?: number; bulkRetryId?: string }>(`${project(projectId)}/failures/retry`, body);
/** "Cancel pending": the project's pending runs (of one type, or all); with dryRun, only the count. */
export const cancelPendingRuns = (projectId: string, body: { type?: string; dryRun?: boolean }) =>
  post<{ dryRun: boolean; pending?: number; cancelled?: number; stopping?: number; leftOver?: number }>(`${project(projectId)}/runs/cancel-pending`, body);
export const getLane = (projectId: string) => request<{ lane: LaneState }>(`${project(projectId)}/lane`);
export const retryLane = (projectId: string) => post<{ run: ApiRun }>(`${project(projectId)}/lane/retry`);
export const skipLane = (projectId: string) => post<{ lane: LaneState }>(`${project(projectId)}/lane/skip`);

export interface RunLogLine {
  id: string;
  at: string;
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown> | null;
}
export interface RunLogsPage {
  logs: RunLogLine[];
  nextCursor: string | null;
  hasMore: boolean;
  runStatus: RunStatus;
  complete: boolean;
}
export const getRunLogs = (runId: string, after: string | null) =>
  request<RunLogsPage>(`/api/v1/runs/${runId}/logs?limit=500${after ? `&after=${encodeURIComponent(after)}` : ""}`);
