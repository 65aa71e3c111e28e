// The audit trail's words (lib/jobs/audit.ts): its surfaces and actions. Pure, for the dashboard.
/** Where an action came from: the dashboard (a session), the REST API, the remote CLI, MCP, or the server owner's admin CLI. */
export const auditSurfaces = ["dashboard", "api", "cli", "mcp", "admin_cli"] as const;
export type AuditSurface = (typeof auditSurfaces)[number];

export const auditActions = [
  "run.triggered",
  "run.cancelled",
  "run.retried",
  "lane.retried",
  "lane.skipped",
  "schedule.changed",
  "failures.retried",
  "runs.cancelled",
] as const;
export type AuditAction = (typeof auditActions)[number];
