// What a job type is (PRODUCT.md "Job semantics" 1 and 12). Each type is a definition in
// lib/jobs/types/, assembled into the catalog (lib/jobs/catalog.ts); its handler is one file in
// worker/handlers/. Pure code: the browser uses definitions too (labels, params forms).
import type { z } from "zod";

export type JobScope = "project" | "system";
export type JobOrdering = "independent" | "lane";

/**
 * Which projects a cron that reaches projects works on. The SQL of each rule is server code
 * (lib/jobs/eligibility.ts), so a definition only names it.
 */
export const eligibilityRules = ["every_project", "apple_app", "apple_app_with_bundle_id", "app_store_connect", "app_store_connect_app", "revenuecat", "apple_ads"] as const;
export type EligibilityRule = (typeof eligibilityRules)[number];

/** Each rule in words, completing "it runs for …". */
export const eligibilityDescriptions: Record<EligibilityRule, string> = {
  every_project: "every project",
  apple_app: "projects with an Apple app",
  apple_app_with_bundle_id: "projects with an Apple app that has a bundle id",
  app_store_connect: "projects connected to App Store Connect",
  app_store_connect_app: "projects connected to App Store Connect with an Apple app that has an App Store id",
  revenuecat: "projects connected to RevenueCat",
  apple_ads: "projects connected to Apple Ads",
};

/**
 * How a type's cron reaches projects (semantics 12):
 * - `system`: one run of the type, belonging to no project (maintenance).
 * - `fan_out`: one run belonging to no project that works through every eligible project in turn;
 *   like every system run it is invisible to the API and the dashboard.
 * - `each_project`: one visible run per eligible project, triggered by "Schedule".
 */
export type CronReach = "system" | "fan_out" | "each_project";

export interface CronSchedule {
  /** 5-field cron expression, in UTC. */
  cron: string;
  reach: CronReach;
  /** Required when the cron reaches projects (fan_out, each_project). */
  eligible?: EligibilityRule;
}

/**
 * What a params field picks from in the Run now form: the project's pulled App Store Connect data.
 * The value written into params stays what the schema asks for (a locale code, a version string, a
 * build number, a review's App Store Connect id), so REST, the CLI and MCP are unchanged.
 */
export const paramPickers = ["locale", "version", "build", "review"] as const;
export type ParamPicker = (typeof paramPickers)[number];
/** The type whose run fills every picker: the form offers to run it when there is nothing to pick. */
export const pickersFilledBy = "pull_all";

export interface JobTypeDefinition<Params extends z.ZodType = z.ZodType> {
  type: string;
  label: string;
  description: string;
  scope: JobScope;
  ordering: JobOrdering;
  paramsSchema: Params;
  /** When the type runs on its own; absent: only when triggered. */
  schedule?: CronSchedule;
  /** A system type an admin can also run for one project: that run is an ordinary project run. */
  projectTrigger?: boolean;
  /** Runs on its cron only: the API, both CLIs and MCP refuse it with a clear message. */
  cronOnly?: boolean;
  /** A project type each project may run on an interval of 5, 15 or 30 minutes. */
  projectInterval?: boolean;
  /** Params fields the Run now form fills from the project's data, by field name. */
  pickers?: Readonly<Record<string, ParamPicker>>;
}

/** Keeps a definition's literal types (its type name, scope, params schema) for typed triggers and handlers. */
export function defineJobType<const Definition extends JobTypeDefinition>(definition: Definition): Definition {
  return definition;
}

/**
 * How a type's handler is written:
 * - `project`: for one project, which it always receives (project types).
 * - `system`: for no project (system types).
 * - `fan_out`: one project's work, run for a single project or for every eligible project by a
 *   fan-out run (system types with a project trigger, and project types whose cron fans out).
 */
export type HandlerKind = "project" | "system" | "fan_out";

export type HandlerKindOf<Definition extends JobTypeDefinition> = Definition extends { projectTrigger: true }
  ? "fan_out"
  : Definition extends { schedule: { reach: "fan_out" } }
    ? "fan_out"
    : Definition extends { scope: "project" }
      ? "project"
      : "system";

export function handlerKind(definition: JobTypeDefinition): HandlerKind {
  if (definition.projectTrigger || definition.schedule?.reach === "fan_out") return "fan_out";
  return definition.scope;
}

/** Whether admins see the type in a project and can trigger it there (semantics 12). */
export function runsInProjects(definition: JobTypeDefinition): boolean {
  return definition.scope === "project" || definition.projectTrigger === true;
}

/** Whether the type can run without a project: system types, and the fan-out of a project type. */
export function runsWithoutProject(definition: JobTypeDefinition): boolean {
  return definition.scope === "system" || definition.schedule?.reach === "fan_out";
}

/**
 * The rules between the fields, checked when a catalog is assembled, so a definition that could
 * never run as written fails at start and in the unit tests rather than at 04:30 some night.
 */
export function definitionProblems(definition: JobTypeDefinition): string[] {
  const problems: string[] = [];
  const { schedule } = definition;
  if (!/^[a-z][a-z0-9_]*$/.test(definition.type)) problems.push("type must be snake_case");
  if (definition.ordering === "lane" && definition.scope !== "project") problems.push("lane types must be project types: a lane is a project's");
  if (definition.projectTrigger && definition.scope !== "system") problems.push("projectTrigger is for system types; project types run in projects anyway");
  if (definition.projectTrigger && schedule?.reach !== "fan_out") problems.push("a system type with a project trigger needs a fan_out cron");
  if (definition.cronOnly && (!schedule || definition.scope !== "system" || definition.projectTrigger)) problems.push("cronOnly is for system types with a cron and no project trigger");
  if (definition.projectInterval && definition.scope !== "project") problems.push("projectInterval is for project types");
  // A picker for a field the schema does not have would never show (zod objects list their shape).
  const shape = (definition.paramsSchema as { shape?: Record<string, unknown> }).shape;
  for (const [field, picker] of Object.entries(definition.pickers ?? {})) {
    if (!shape || !(field in shape)) problems.push(`pickers.${field} names no field of the params schema`);
    if (!paramPickers.includes(picker)) problems.push(`pickers.${field} must be one of ${paramPickers.join(", ")}`);
  }
  if (schedule) {
    if (schedule.cron.trim().split(/\s+/).length !== 5) problems.push("schedule.cron must have 5 fields");
    const reachesProjects = schedule.reach !== "system";
    if (reachesProjects !== (schedule.eligible !== undefined)) problems.push("schedule.eligible is required exactly when the cron reaches projects");
    if (schedule.reach === "system" && definition.scope !== "system") problems.push("a project type's cron must reach projects (fan_out or each_project)");
    if (schedule.reach === "each_project" && definition.scope !== "project") problems.push("each_project crons queue project runs: project types only");
    // A fan-out works on projects one after another outside any lane; a lane type's cron queues
    // each project's run in its lane instead (each_project).
    if (schedule.reach === "fan_out" && definition.ordering === "lane") problems.push("lane types reach projects with each_project, not fan_out");
  }
  return problems;
}
