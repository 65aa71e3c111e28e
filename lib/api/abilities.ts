import "server-only";
// What a caller can do with a team's jobs, once: each ability checks access and answers the body the
// REST API returns. The route handlers (app/api/v1) and the MCP tools (lib/mcp/tools.ts) both call
// these, so an ability has the same permissions, errors and result on every surface; the CLI reaches
// them through the REST API.
import { AppError, invalid } from "@/lib/errors";
import { actorAttribution, auditActor, findProject, requireProject, requireRun, triggerSource, visibleProjects, type Actor } from "@/lib/auth/access";
import { isProjectJobType, projectJobTypes } from "@/lib/jobs/job-types";
import { jobs } from "@/lib/jobs/jobs";
import { getLane } from "@/lib/jobs/lanes";
import { listProjectSchedules, updateProjectSchedule } from "@/lib/jobs/project-schedules";
import { listRuns as listProjectRuns, toApiRun } from "@/lib/jobs/runs";
import type { z } from "zod";
import { readRunLogs } from "@/lib/jobs/run-logs";
import { recordAudit, retryEvents } from "@/lib/jobs/audit";
import { cancelPendingRuns, countGroupRetries, countPendingRuns, retryFailureGroup as startGroupRetry, BULK_LIMIT } from "@/lib/jobs/bulk";
import { failureGroups, failureWindowStart } from "@/lib/jobs/failures";
import { projectOverview } from "@/lib/jobs/overview";
import { cancelPendingBodySchema, listFailuresQuerySchema, overviewQuerySchema, retryFailureGroupBodySchema, listRunsQuerySchema, putScheduleBodySchema, retryBodySchema, runLogsQuerySchema, seedTriggerBodySchema, triggerBodySchema, type ListRunsQuery } from "@/lib/jobs/schemas";

// Bodies are checked after access, so another team's project is a 404 whatever was sent.
function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid("bad_request", "Request body is invalid", parsed.error);
  return parsed.data;
}

export const listProjects = async (actor: Actor) => ({ projects: await visibleProjects(actor) });

// The catalog is visible to every member of the project's team; running jobs needs more.
export async function listJobTypes(actor: Actor, projectId: string) {
  const { project } = await findProject(actor, projectId);
  return { jobTypes: (await projectJobTypes(project.id)).map(({ api }) => api) };
}

export async function triggerJob(actor: Actor, projectId: string, rawBody: unknown) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  const body = parseBody(triggerBodySchema, rawBody);
  const run = await jobs.triggerFrom("project", { type: body.type, projectId: project.id, params: body.params, notify: body.notify, source: triggerSource(actor) });
  await recordAudit({ projectId: project.id, runId: run.id, action: "run.triggered", by: auditActor(actor), details: { type: run.type } });
  return { run: toApiRun(run) };
}

/** The seed's named triggers (ratings sync, ads sync, App Store Connect sync): one type each, no params. */
export async function triggerSeedJob(actor: Actor, projectId: string, type: string, rawBody: unknown) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  const body = parseBody(seedTriggerBodySchema, rawBody);
  const run = await jobs.triggerFrom("project", { type, projectId: project.id, notify: body.notify, source: triggerSource(actor) });
  await recordAudit({ projectId: project.id, runId: run.id, action: "run.triggered", by: auditActor(actor), details: { type: run.type } });
  return { run: toApiRun(run) };
}

export async function getRun(actor: Actor, runId: string) {
  return { run: toApiRun(await requireRun(actor, runId, "jobs:read")) };
}

/**
 * A page of a run's log, oldest first, after a cursor; `complete` once the run has ended and every
 * line was read (a follower stops there).
 */
export async function getRunLogs(actor: Actor, runId: string, rawQuery: Record<string, unknown>) {
  const run = await requireRun(actor, runId, "jobs:read");
  const parsed = runLogsQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw invalid("bad_request", "Query parameters are invalid", parsed.error);
  const page = await readRunLogs(run.id, parsed.data);
  const ended = run.status !== "pending" && run.status !== "running";
  return { ...page, runStatus: run.status, complete: ended && !page.hasMore };
}

/**
 * Checks the project, then the filters (in that order, so another team's project is a 404 whatever
 * the query); the runs route computes its ETag between this and the page.
 */
export async function runsListAccess(actor: Actor, projectId: string, rawQuery: Record<string, unknown>) {
  const { project } = await requireProject(actor, projectId, "jobs:read");
  const parsed = listRunsQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw invalid("bad_request", "Query parameters are invalid", parsed.error);
  const query = parsed.data;
  if (query.type !== undefined && !isProjectJobType(query.type)) {
    throw new AppError("bad_request", `Unknown job type "${query.type}"`, { issues: [{ path: "type", message: "not a job type of this project" }] });
  }
  return { project, query };
}

export async function listRunsPage(projectId: string, query: ListRunsQuery) {
  const { runs, nextCursor } = await listProjectRuns({ projectId, ...query });
  return { runs: runs.map(toApiRun), nextCursor };
}

export async function listRuns(actor: Actor, projectId: string, rawQuery: Record<string, unknown>) {
  const { project, query } = await runsListAccess(actor, projectId, rawQuery);
  return listRunsPage(project.id, query);
}

export async function cancelRun(actor: Actor, runId: string) {
  const run = await requireRun(actor, runId, "jobs:write");
  const cancelled = await jobs.cancel(run.id);
  if (run.projectId) await recordAudit({ projectId: run.projectId, runId: run.id, action: "run.cancelled", by: auditActor(actor), details: { type: run.type } });
  return { run: toApiRun(cancelled) };
}

/** Retries a failed or cancelled run; a body with `params` retries it with those instead ("Retry with changes"). */
export async function retryRun(actor: Actor, runId: string, rawBody: unknown = {}) {
  const run = await requireRun(actor, runId, "jobs:write");
  const body = parseBody(retryBodySchema, rawBody);
  const retry = await jobs.retry(run.id, actorAttribution(actor), { params: body.params });
  if (run.projectId) await recordAudit(retryEvents(run.projectId, run.id, retry, auditActor(actor), { withChanges: body.params !== undefined }));
  return { run: toApiRun(retry) };
}

export async function getLaneState(actor: Actor, projectId: string) {
  const { project } = await requireProject(actor, projectId, "jobs:read");
  return { lane: await getLane(project.id) };
}

export async function retryLane(actor: Actor, projectId: string) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  const before = await getLane(project.id);
  const retry = await jobs.retryLane(project.id, actorAttribution(actor));
  await recordAudit({ projectId: project.id, runId: before.pausedByRunId ?? retry.retryOfId, action: "lane.retried", by: auditActor(actor), details: { type: retry.type, newRunId: retry.id } });
  return { run: toApiRun(retry) };
}

export async function skipLane(actor: Actor, projectId: string) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  const before = await getLane(project.id);
  const lane = await jobs.skipLane(project.id);
  await recordAudit({ projectId: project.id, runId: before.pausedByRunId, action: "lane.skipped", by: auditActor(actor), details: { queued: before.queued.length } });
  return { lane };
}

export async function listSchedules(actor: Actor, projectId: string) {
  const { project } = await requireProject(actor, projectId, "jobs:read");
  return { schedules: await listProjectSchedules(project.id) };
}

export async function setSchedule(actor: Actor, projectId: string, rawBody: unknown) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  return { schedule: await updateProjectSchedule(project.id, parseBody(putScheduleBodySchema, rawBody), auditActor(actor)) };
}

/** A project's health at a glance: runs per hour by outcome, p50/p95 per type, running and queued, the lane, live workers. */
export async function getOverview(actor: Actor, projectId: string, rawQuery: Record<string, unknown>) {
  const { project } = await requireProject(actor, projectId, "jobs:read");
  const parsed = overviewQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw invalid("bad_request", "Query parameters are invalid", parsed.error);
  return { overview: await projectOverview(project.id, parsed.data.window) };
}

/** A project's failure groups (type, fingerprint, message, count), most recently seen first. */
export async function listFailures(actor: Actor, projectId: string, rawQuery: Record<string, unknown>) {
  const { project } = await requireProject(actor, projectId, "jobs:read");
  const parsed = listFailuresQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw invalid("bad_request", "Query parameters are invalid", parsed.error);
  return { ...(await failureGroups(project.id, parsed.data.window, parsed.data.page)) };
}

/**
 * Retries every failed run of a failure group in a window that has no retry yet, oldest first: the
 * first at once, the rest one after another as the type frees up (lib/jobs/bulk.ts). dryRun: the count.
 */
export async function retryFailureGroup(actor: Actor, projectId: string, rawBody: unknown) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  const body = parseBody(retryFailureGroupBodySchema, rawBody);
  if (!isProjectJobType(body.type)) throw new AppError("bad_request", `Unknown job type "${body.type}"`, { issues: [{ path: "type", message: "not a job type of this project" }] });
  const group = { projectId: project.id, type: body.type, fingerprint: body.fingerprint, from: failureWindowStart(body.window) };
  if (body.dryRun) {
    const count = await countGroupRetries(group);
    return { dryRun: true as const, planned: Math.min(count, BULK_LIMIT), leftOver: Math.max(0, count - BULK_LIMIT) };
  }
  const started = await startGroupRetry(jobs, group, auditActor(actor));
  await recordAudit({ projectId: project.id, action: "failures.retried", by: auditActor(actor), details: { type: body.type, fingerprint: body.fingerprint, planned: started.planned } });
  return { dryRun: false as const, ...started };
}

/** Cancels the project's pending runs, of one type or of all, each like a one-by-one cancel. dryRun: the count. */
export async function cancelPending(actor: Actor, projectId: string, rawBody: unknown) {
  const { project } = await requireProject(actor, projectId, "jobs:write");
  const body = parseBody(cancelPendingBodySchema, rawBody);
  if (body.type !== undefined && !isProjectJobType(body.type)) {
    throw new AppError("bad_request", `Unknown job type "${body.type}"`, { issues: [{ path: "type", message: "not a job type of this project" }] });
  }
  const key = { projectId: project.id, type: body.type ?? null };
  if (body.dryRun) {
    const count = await countPendingRuns(key);
    return { dryRun: true as const, pending: count };
  }
  const result = await cancelPendingRuns(jobs, key, auditActor(actor));
  await recordAudit({ projectId: project.id, action: "runs.cancelled", by: auditActor(actor), details: { type: key.type, cancelled: result.cancelled, stopping: result.stopping } });
  return { dryRun: false as const, ...result };
}
