// Schemas of the issues API, requests and responses, shared by route handlers, the dashboard and
// the OpenAPI document. Pure code.
import { z } from "zod";

export const issueStatuses = ["new", "regressed", "resolved", "ignored"] as const;
export type IssueStatusName = (typeof issueStatuses)[number];
/** `open`: new or regressed, what still needs someone. */
export const issueStatusFilters = [...issueStatuses, "open"] as const;

export const listIssuesQuerySchema = z.strictObject({
  status: z.enum(issueStatusFilters, { error: `status must be one of ${issueStatusFilters.join(", ")}` }).optional(),
  environment: z.enum(["production", "any"], { error: "environment must be production or any" }).default("any").describe("production: only issues seen in production"),
  appVersion: z.string().min(1, "appVersion must not be empty").max(50, "appVersion must be at most 50 characters").optional().describe("Only issues seen in this app version"),
  q: z.string().max(200, "q must be at most 200 characters").optional().describe("Words the title contains"),
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(25),
  cursor: z.string().max(200, "cursor is not a cursor from a previous page").optional().describe("nextCursor of the previous page"),
});

export type ListIssuesQuery = z.infer<typeof listIssuesQuerySchema>;

const isoTimestamp = z.iso.datetime({ offset: true });

export const apiIssueSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  title: z.string(),
  errorType: z.string().nullable(),
  message: z.string().nullable().describe("The latest occurrence's message"),
  status: z.enum(issueStatuses),
  count: z.number().int().describe("Events counted by issue_scan"),
  usersAffected: z.number().int(),
  appVersions: z.array(z.string()),
  inProduction: z.boolean(),
  firstSeenAt: isoTimestamp,
  lastSeenAt: isoTimestamp,
  resolvedAt: isoTimestamp.nullable(),
});

export type ApiIssue = z.infer<typeof apiIssueSchema>;

export const apiIssueEventSchema = z.object({
  id: z.uuid(),
  occurredAt: isoTimestamp,
  message: z.string().nullable(),
  environment: z.enum(["production", "development"]),
  appVersion: z.string().nullable(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
});

export const apiIssueDetailSchema = apiIssueSchema.extend({
  stack: z.string().nullable().describe("The latest occurrence's stack"),
  recentEvents: z.array(apiIssueEventSchema).describe("Up to 20 of its newest events still kept"),
});

export type ApiIssueDetail = z.infer<typeof apiIssueDetailSchema>;
