// Job types as a project sees them (GET /api/v1/projects/:projectId/job-types, the CLI, the
// dashboard): the types that run in projects, each with its params as JSON Schema (generated from
// the same zod schemas that validate triggers) and its effective schedule for that project.
import { z } from "zod";
import { catalog as productCatalog } from "./catalog";
import type { Catalog } from "./define-catalog";
import type { JobTypeDefinition } from "./definition";
import { effectiveSchedules, type EffectiveSchedule } from "./schedules";
import type { apiJobTypeSchema } from "./schemas";

export type ApiJobType = z.infer<typeof apiJobTypeSchema>;

export function paramsJsonSchema(definition: JobTypeDefinition): Record<string, unknown> {
  // "input": what a caller sends, so fields with defaults are optional.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.paramsSchema, { io: "input", unrepresentable: "any" });
  return schema;
}

export interface ProjectJobType {
  definition: JobTypeDefinition;
  schedule: EffectiveSchedule;
  api: ApiJobType;
}

export async function projectJobTypes(projectId: string, catalog: Catalog = productCatalog): Promise<ProjectJobType[]> {
  const definitions = catalog.projectTypes();
  const schedules = await effectiveSchedules(catalog, projectId, definitions.map((definition) => definition.type));
  return definitions.map((definition) => {
    const { type, label, description, ordering } = definition;
    const schedule = schedules[type]!;
    return { definition, schedule, api: { type, label, description, schedule: schedule.cron, ordering, paramsSchema: paramsJsonSchema(definition) } };
  });
}

/** Whether a project may run (and filter runs by) this type. */
export function isProjectJobType(type: string, catalog: Catalog = productCatalog): boolean {
  return catalog.projectTypes().some((definition) => definition.type === type);
}
