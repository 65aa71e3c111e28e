// A fan-out run (PRODUCT.md "Job semantics" 12): one run belonging to no project that works through
// every eligible project. It reports progress across projects, checks cancellation between them,
// records each project's outcome in its result, skips (and says so) a project where a run of the
// same type is active, and fails only when no project succeeded.
import type { JobTypeDefinition } from "@/lib/jobs/definition";
import { eligibleProjects } from "@/lib/jobs/eligibility";
import type { FanOutHandler, FanOutJobContext, JobContext, ProjectOutcome, ProjectRef } from "@/lib/jobs/handler";
import { claimProject, releaseProject } from "@/lib/jobs/lifecycle";

export interface FanOutResult {
  projects: { eligible: number; completed: number; failed: number; skipped: number; cancelled: number };
  outcomes: Array<{ projectId: string; project: string; status: ProjectOutcome["status"]; result?: unknown; error?: string; reason?: string }>;
}

/** A fan-out in which no project succeeded: the run fails, and its result still lists every outcome. */
export class FanOutFailed extends Error {
  constructor(
    message: string,
    readonly result: FanOutResult,
  ) {
    super(message);
    this.name = "FanOutFailed";
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

export async function runFanOut(definition: JobTypeDefinition, handler: FanOutHandler<unknown>, params: unknown, context: JobContext): Promise<FanOutResult> {
  const projects = await eligibleProjects(definition.schedule!.eligible!);
  const busy = (project: ProjectRef, activeRunId: string): ProjectOutcome => ({
    project,
    status: "skipped",
    reason: `A ${definition.type} run for this project was already active (run ${activeRunId})`,
  });
  const fanOutContext: FanOutJobContext = {
    ...context,
    projects,
    async claimProjects() {
      const claimed: ProjectRef[] = [];
      const skipped: ProjectOutcome[] = [];
      for (const project of projects) {
        const claim = await claimProject(context.runId, definition.type, project.id);
        if (claim.claimed) claimed.push(project);
        else skipped.push(busy(project, claim.activeRunId));
      }
      return { claimed, skipped };
    },
  };
  const outcomes = handler.allProjects
    ? await handler.allProjects(params, fanOutContext)
    : await eachProject(definition, projects, (project, projectContext) => handler.project(params, { ...projectContext, project }), context, busy);
  return summarize(definition, outcomes, context);
}

// One project after another: claim it, run its work, release it. A database error on one project
// is that project's failure, not the run's.
async function eachProject(
  definition: JobTypeDefinition,
  projects: ProjectRef[],
  work: (project: ProjectRef, context: JobContext) => Promise<unknown>,
  context: JobContext,
  busy: (project: ProjectRef, activeRunId: string) => ProjectOutcome,
): Promise<ProjectOutcome[]> {
  const outcomes: ProjectOutcome[] = [];
  const total = projects.length;
  for (const [index, project] of projects.entries()) {
    // Cancelled, or the worker is shutting down: the projects not reached are said so.
    if (context.signal.aborted) {
      const reason = context.isCancelled() ? "The run was cancelled before this project" : "The worker stopped before this project";
      outcomes.push(...projects.slice(index).map((rest): ProjectOutcome => ({ project: rest, status: "cancelled", reason })));
      break;
    }
    const where = `${project.name} (${index + 1} of ${total})`;
    // The project's own progress becomes the message; the bar counts projects.
    const projectContext: JobContext = {
      ...context,
      progress: (update) => context.progress({ processed: index, total, ...(update.message ? { message: `${where}: ${update.message}` } : {}) }),
    };
    let claimed = false;
    try {
      const claim = await claimProject(context.runId, definition.type, project.id);
      if (!claim.claimed) {
        const skipped = busy(project, claim.activeRunId);
        context.log("fan-out skipped a project", { project: project.slug, reason: skipped.reason });
        outcomes.push(skipped);
        continue;
      }
      claimed = true;
      context.progress({ processed: index, total, message: `${where}: starting` });
      const result = await work(project, projectContext);
      // Like a run, a project whose work ended after a cancel counts as cancelled.
      outcomes.push({ project, status: context.isCancelled() ? "cancelled" : "completed", result });
    } catch (error) {
      outcomes.push({ project, status: context.isCancelled() ? "cancelled" : "failed", error: errorText(error) });
      context.log("fan-out project failed", { project: project.slug, error: errorText(error) });
    } finally {
      // Ending the run releases its claims too: a failed release costs nothing but a log line.
      if (claimed) await releaseProject(context.runId, project.id).catch((error: unknown) => context.log("fan-out claim not released", { project: project.slug, error: errorText(error) }));
    }
  }
  return outcomes;
}

function summarize(definition: JobTypeDefinition, outcomes: ProjectOutcome[], context: JobContext): FanOutResult {
  const count = (status: ProjectOutcome["status"]) => outcomes.filter((outcome) => outcome.status === status).length;
  const result: FanOutResult = {
    projects: { eligible: outcomes.length, completed: count("completed"), failed: count("failed"), skipped: count("skipped"), cancelled: count("cancelled") },
    outcomes: outcomes.map(({ project, status, result: projectResult, error, reason }) => ({
      projectId: project.id,
      project: project.slug,
      status,
      ...(projectResult !== undefined ? { result: projectResult } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(reason !== undefined ? { reason } : {}),
    })),
  };
  const { eligible, completed, failed, skipped } = result.projects;
  if (context.signal.aborted) {
    // A cancelled run keeps the progress it had; a worker that stopped fails the run with its reason.
    if (context.isCancelled()) return result;
    const reason = context.signal.reason instanceof Error ? context.signal.reason.message : "The worker stopped during the run";
    throw new FanOutFailed(reason, result);
  }
  context.progress({ processed: eligible, total: eligible, message: `${completed} of ${eligible} projects done, ${failed} failed, ${skipped} skipped` });
  // Every project it worked on failed; projects skipped for a run of their own do not count.
  if (failed > 0 && completed === 0) {
    const first = outcomes.find((outcome) => outcome.status === "failed");
    throw new FanOutFailed(`${definition.label} failed for every project it worked on (${failed}); first: ${first?.project.slug}: ${first?.error}`, result);
  }
  return result;
}
