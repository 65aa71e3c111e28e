// The job service for one catalog: how runs are started, retried and cancelled and how lanes resume
// (PRODUCT.md "Job semantics" 1-12). Code callers trigger with typed params; the API, both CLIs and
// MCP hand untyped input to the one parser. The state changes themselves are lib/jobs/lifecycle/.
import type { PgBoss } from "pg-boss";
import type { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { containsNul, prototypeKeyPath } from "@/lib/validation";
import type { Attribution, TriggerSource } from "./attribution";
import type { Catalog, JobTypeOf } from "./define-catalog";
import { handlerKind, runsInProjects, runsWithoutProject, type HandlerKindOf, type JobTypeDefinition } from "./definition";
import { isPausingRun, type LaneState } from "./lanes";
import { labelParamIssues } from "./param-labels";
import * as lifecycle from "./lifecycle";
import { getSenderBoss } from "./queue";
import { getRun, type RunRecord } from "./runs";
import { scheduleInWords } from "./schedule-text";

/**
 * Where a trigger comes from, which decides what it may start:
 * - `project`: for one project (dashboard, REST API, remote CLI, MCP);
 * - `system`: for no project (the server owner's admin CLI);
 * - `schedule`: a cron or interval occurrence, the only way to start a cron-only type.
 */
export type TriggerSurface = "project" | "system" | "schedule";

export interface UntypedTrigger {
  type: string;
  projectId: string | null;
  params?: unknown;
  notify?: boolean;
  source: TriggerSource;
}

export interface ParsedTrigger {
  definition: JobTypeDefinition;
  projectId: string | null;
  params: unknown;
  notify: boolean;
  source: TriggerSource;
}

type ProjectIdFor<D extends JobTypeDefinition> = { project: string; system: null; fan_out: string | null }[HandlerKindOf<D>];

/** A trigger from code: the type's own params, checked by the compiler (and by the schema, for its defaults). */
export type TriggerRequest<C extends Catalog, T extends JobTypeOf<C>> = {
  type: T;
  projectId: ProjectIdFor<C["definitions"][T]>;
  params?: z.input<C["definitions"][T]["paramsSchema"]>;
  notify?: boolean;
  source: TriggerSource;
};

export interface JobService<C extends Catalog> {
  readonly catalog: C;
  trigger<T extends JobTypeOf<C>>(request: TriggerRequest<C, T>): Promise<RunRecord>;
  /** Checks untyped input (type, project, params) the way every surface must, writing nothing. */
  parse(surface: TriggerSurface, input: UntypedTrigger): ParsedTrigger;
  triggerFrom(surface: TriggerSurface, input: UntypedTrigger): Promise<RunRecord>;
  /**
   * A failed or cancelled run again, as a new run linked to it (semantics 5). With `params`, the
   * new run takes those instead ("Retry with changes"), checked exactly as a trigger's.
   */
  retry(runId: string, by: Attribution, changes?: { params?: unknown }): Promise<RunRecord>;
  cancel(runId: string): Promise<RunRecord>;
  retryLane(projectId: string, by: Attribution): Promise<RunRecord>;
  skipLane(projectId: string): Promise<LaneState>;
}

export function createJobService<C extends Catalog>(catalog: C, options: { boss?: () => Promise<PgBoss> } = {}): JobService<C> {
  const boss = options.boss ?? getSenderBoss;

  function parse(surface: TriggerSurface, input: UntypedTrigger): ParsedTrigger {
    const definition = catalog.get(input.type);
    if (!definition) throw unknownType(surface, input.type, catalog);
    if (definition.cronOnly && surface !== "schedule") {
      const when = scheduleInWords(definition.schedule?.cron ?? null);
      throw new AppError("bad_request", `${definition.label} (${definition.type}) runs only on its schedule (${when}); it cannot be triggered`, {
        issues: [{ path: "type", message: "runs only on its schedule" }],
      });
    }
    // System types are invisible in projects, so there they read as unknown, not forbidden.
    if (input.projectId !== null ? !runsInProjects(definition) : !runsWithoutProject(definition)) throw unknownType(surface, input.type, catalog);
    // Before the schema, which would copy the params and drop a `__proto__` key without a word.
    const prototypeKey = prototypeKeyPath(input.params);
    if (prototypeKey) {
      throw new AppError("invalid_params", `Invalid params for ${definition.type}: "${prototypeKey.split(".").at(-1)}" is not an allowed key`, {
        issues: [{ path: `params.${prototypeKey}`, message: "not an allowed key" }],
      });
    }
    const parsed = definition.paramsSchema.safeParse(input.params ?? {});
    if (!parsed.success) throw invalid("invalid_params", `Invalid params for ${definition.type}`, labelParamIssues(definition.paramsSchema, parsed.error), ["params"]);
    if (containsNul(parsed.data)) {
      throw new AppError("invalid_params", `Invalid params for ${definition.type}`, { issues: [{ path: "params", message: "must not contain NUL characters" }] });
    }
    if (input.notify && input.source.kind === "api_key" && input.source.userId === null) throw nobodyToNotify();
    return { definition, projectId: input.projectId, params: parsed.data, notify: input.notify ?? false, source: input.source };
  }

  async function start(trigger: ParsedTrigger): Promise<RunRecord> {
    const { definition } = trigger;
    return lifecycle.createRun(
      {
        type: definition.type,
        projectId: trigger.projectId,
        params: trigger.params,
        notify: trigger.notify,
        source: trigger.source,
        queue: catalog.queueOf(definition.type),
        lane: definition.ordering === "lane",
        fanOut: handlerKind(definition) === "fan_out",
      },
      await boss(),
    );
  }

  // Async even when the input is refused, so callers always get a rejected promise, never a throw.
  const triggerFrom = async (surface: TriggerSurface, input: UntypedTrigger) => start(parse(surface, input));

  return {
    catalog,
    parse,
    triggerFrom,
    trigger: (request) =>
      triggerFrom(request.source.kind === "schedule" ? "schedule" : request.projectId === null ? "system" : "project", request as UntypedTrigger),
    async retry(runId, by, changes = {}) {
      const run = await getRun(runId);
      if (!run) throw new AppError("not_found", "Run not found");
      if (run.status !== "failed" && run.status !== "cancelled") {
        throw new AppError("conflict", `Only failed or cancelled runs can be retried; this one is ${run.status}`, { details: { status: run.status } });
      }
      const surface = run.projectId === null ? "system" : "project";
      const retry = { type: run.type, projectId: run.projectId, params: changes.params ?? run.params, notify: run.notify, source: { kind: "retry" as const, ...by, retryOfId: run.id } };
      // Changed params are checked before anything is written, on either path below.
      const checked = changes.params === undefined ? null : parse(surface, retry);
      // The run that pauses its lane is retried in place, first in the lane; any other goes to the back.
      if (run.projectId && (await isPausingRun(run))) return lifecycle.retryLane(run.projectId, by, await boss(), checked ? { runId: run.id, params: checked.params } : undefined);
      return checked ? start(checked) : triggerFrom(surface, retry);
    },
    cancel: async (runId) => lifecycle.cancelRun(runId, { boss: await boss(), labelOf: catalog.label }),
    retryLane: async (projectId, by) => lifecycle.retryLane(projectId, by, await boss()),
    skipLane: async (projectId) => lifecycle.skipLane(projectId, await boss()),
  };
}

// A key made with the admin CLI has no creator, so a notify email would have no one to go to.
function nobodyToNotify(): AppError {
  return new AppError("bad_request", "notify: true needs someone to email, and this API key has no creator (it was made with the admin CLI); leave notify out, or use a key created in the dashboard", {
    issues: [{ path: "notify", message: "this API key has no creator to notify" }],
  });
}

function unknownType(surface: TriggerSurface, type: string, catalog: Catalog): AppError {
  if (surface === "system") {
    const known = catalog.all().filter(runsWithoutProject).map((definition) => definition.type);
    return new AppError("bad_request", `"${type}" is not a system job type; system types: ${known.join(", ")}`, {
      issues: [{ path: "type", message: "not a system job type" }],
    });
  }
  return new AppError("bad_request", `Unknown job type "${type}"`, { issues: [{ path: "type", message: "not a job type of this project" }] });
}
