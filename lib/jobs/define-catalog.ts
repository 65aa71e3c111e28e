// A catalog: job type definitions keyed by type, with the lookups every layer needs. The product's
// catalog is lib/jobs/catalog.ts; tests assemble their own from test types and pass it to the
// service and the worker, so nothing registers into a global.
import { definitionProblems, runsInProjects, type JobTypeDefinition } from "./definition";

export type Definitions = Record<string, JobTypeDefinition>;

// All lane types share one queue: pg-boss's key_strict_fifo orders jobs per key within a queue,
// and a project's lane must keep its order across job types.
export const LANE_QUEUE = "lane";

export interface Catalog<D extends Definitions = Definitions> {
  readonly definitions: D;
  get(type: string): JobTypeDefinition | undefined;
  /** The type's label, or the type itself for one this catalog does not know (a run of a removed type). */
  label(type: string): string;
  all(): JobTypeDefinition[];
  /** The types admins see and trigger in a project: project types and system types with a project trigger. */
  projectTypes(): JobTypeDefinition[];
  /** The pg-boss queue a type's jobs go to. */
  queueOf(type: string): string;
  queues(): string[];
}

export type JobTypeOf<C extends Catalog> = keyof C["definitions"] & string;

export function defineCatalog<const D extends Definitions>(definitions: D): Catalog<D> {
  const problems = Object.entries(definitions).flatMap(([key, definition]) => [
    ...(key === definition.type ? [] : [`${key}: the key must be the type (${definition.type})`]),
    ...definitionProblems(definition).map((problem) => `${key}: ${problem}`),
  ]);
  if (problems.length > 0) throw new Error(`Invalid job catalog:\n  ${problems.join("\n  ")}`);

  const all = Object.values(definitions) as JobTypeDefinition[];
  const get = (type: string) => (Object.hasOwn(definitions, type) ? definitions[type] : undefined);
  const queueOf = (type: string) => (get(type)?.ordering === "lane" ? LANE_QUEUE : type);
  return {
    definitions,
    get,
    label: (type) => get(type)?.label ?? type,
    all: () => all,
    projectTypes: () => all.filter(runsInProjects),
    queueOf,
    queues: () => [...new Set(all.map((definition) => queueOf(definition.type)))],
  };
}
