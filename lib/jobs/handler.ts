// What a job handler receives and returns. Handlers live in worker/handlers/, one per type; the
// kind of handler a type needs follows from its definition (lib/jobs/definition.ts, HandlerKind).
import type { z } from "zod";
import type { ProductDefinitions } from "./catalog";
import type { Catalog, JobTypeOf } from "./define-catalog";
import type { HandlerKindOf, JobTypeDefinition } from "./definition";
import type { ProgressUpdate } from "./progress";

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
  teamId: string;
}

export interface JobContext {
  runId: string;
  /** Report progress as often as you like; writes are coalesced (semantics 7). */
  progress(update: ProgressUpdate): void;
  /** True once someone asked to cancel this run; stop early and return (semantics 6). */
  isCancelled(): boolean;
  /** Aborts when the run is cancelled or the worker shuts down; pass it to fetch and timers. */
  signal: AbortSignal;
  /** A line of the run's log (the run page, `taskdeck jobs logs`), and of the worker's output. */
  log(message: string, fields?: Record<string, unknown>): void;
  /** A warning line of the run's log. */
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A project's run, or one project's turn in a fan-out: the project is always there. */
export interface ProjectJobContext extends JobContext {
  project: ProjectRef;
}

export type ProjectOutcomeStatus = "completed" | "failed" | "skipped" | "cancelled";

/** What happened to one project in a fan-out run; the run's result lists them all. */
export interface ProjectOutcome {
  project: ProjectRef;
  status: ProjectOutcomeStatus;
  result?: unknown;
  error?: string;
  /** Why a project was skipped or not reached. */
  reason?: string;
}

export interface FanOutJobContext extends JobContext {
  /** The eligible projects, read when the run started. */
  projects: ProjectRef[];
  /**
   * Claims every eligible project that no run of this type is working on (semantics 12): the
   * claimed ones cannot get a run of this type until this run ends; the rest come back as skipped.
   * For handlers that batch across projects (one request covering every app being synced).
   */
  claimProjects(): Promise<{ claimed: ProjectRef[]; skipped: ProjectOutcome[] }>;
}

type ParamsOf<D extends JobTypeDefinition> = z.output<D["paramsSchema"]>;

export type ProjectHandler<Params> = (params: Params, context: ProjectJobContext) => Promise<unknown>;
export type SystemHandler<Params> = (params: Params, context: JobContext) => Promise<unknown>;

/**
 * A type that runs for one project or, in a fan-out run, for every eligible project. `project` is
 * one project's work; the engine runs it for each project in turn, with progress across projects,
 * cancellation between them and an outcome each. `allProjects` replaces that loop for work that
 * batches across projects, and reports one outcome per eligible project.
 */
export interface FanOutHandler<Params> {
  project: ProjectHandler<Params>;
  allProjects?: (params: Params, context: FanOutJobContext) => Promise<ProjectOutcome[]>;
}

export type HandlerFor<D extends JobTypeDefinition> = {
  project: ProjectHandler<ParamsOf<D>>;
  system: SystemHandler<ParamsOf<D>>;
  fan_out: FanOutHandler<ParamsOf<D>>;
}[HandlerKindOf<D>];

/** A product type's handler, as each file in worker/handlers/ exports it. */
export type JobHandler<T extends keyof ProductDefinitions> = HandlerFor<ProductDefinitions[T]>;

/** Every type of a catalog mapped to its handler module, loaded when a run of the type first starts. */
export type HandlerModules<C extends Catalog> = {
  [T in JobTypeOf<C>]: () => Promise<{ default: HandlerFor<C["definitions"][T]> }>;
};
