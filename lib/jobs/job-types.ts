// Job types as the API shows them (GET /api/v1/projects/:projectId/job-types): the catalog's
// project-scoped types with their params as JSON Schema, generated from the same zod schemas that
// validate triggers.
import { z } from "zod";
import { projectJobTypes, type JobTypeDefinition } from "@/lib/jobs/catalog";
import type { apiJobTypeSchema } from "@/lib/jobs/schemas";

export type ApiJobType = z.infer<typeof apiJobTypeSchema>;

export function paramsJsonSchema(definition: JobTypeDefinition): Record<string, unknown> {
  // "input": what a caller sends, so fields with defaults are optional.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.paramsSchema, { io: "input", unrepresentable: "any" });
  return schema;
}

export function toApiJobType(definition: JobTypeDefinition): ApiJobType {
  const { type, label, description, schedule, ordering } = definition;
  return { type, label, description, schedule, ordering, paramsSchema: paramsJsonSchema(definition) };
}

export function apiJobTypes(): ApiJobType[] {
  return projectJobTypes().map(toApiJobType);
}

/** Whether a project may run (and filter runs by) this type: project-scoped catalog types only. */
export function isProjectJobType(type: string): boolean {
  return projectJobTypes().some((definition) => definition.type === type);
}
