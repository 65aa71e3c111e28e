// Request schemas for the jobs API, shared by route handlers, the dashboard and (later) the CLI.
import { z } from "zod";

export const runStatuses = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const activeStatuses: RunStatus[] = ["pending", "running"];

export const triggerBodySchema = z
  .object({
    type: z.string({ error: "type is required" }).min(1, "type is required").max(100),
    params: z.record(z.string(), z.unknown(), { error: "params must be an object" }).optional(),
    notify: z.boolean({ error: "notify must be true or false" }).optional(),
  })
  .strict();

export type TriggerBody = z.infer<typeof triggerBodySchema>;

export const listRunsQuerySchema = z
  .object({
    status: z.enum(runStatuses, { error: `status must be one of ${runStatuses.join(", ")}` }).optional(),
    type: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

export const uuidSchema = z.uuid({ error: "not a valid id" });
