// An audit event in words (the run page's Activity and the team's audit log): what happened, who
// did it and from where. Pure, so both views and their tests read the same sentence.
import { jobTypeLabel } from "@/lib/jobs/labels";
import type { AuditEntry } from "@/lib/jobs/audit";

export const surfaceLabels: Record<AuditEntry["surface"], string> = {
  dashboard: "dashboard",
  api: "REST API",
  cli: "CLI",
  mcp: "MCP",
  admin_cli: "admin CLI",
};

const minutes = (value: unknown) => (typeof value === "number" ? `every ${value} minutes` : "off");
const typeOf = (entry: AuditEntry) => {
  const type = typeof entry.details?.type === "string" ? entry.details.type : entry.runType;
  return type ? jobTypeLabel(type) : "a run";
};

/** "Retried Pull All" / "Changed the schedule of Pull Changes from off to every 15 minutes". */
export function auditSentence(entry: AuditEntry): string {
  const details = entry.details ?? {};
  switch (entry.action) {
    case "run.triggered":
      return details.retryOf ? `Started ${typeOf(entry)} as a retry${details.withChanges ? " with changed params" : ""}` : `Triggered ${typeOf(entry)}`;
    case "run.cancelled":
      return `Cancelled ${typeOf(entry)}${details.bulk ? " (with all pending runs)" : ""}`;
    case "run.retried":
      return details.inPlace
        ? `Retried ${typeOf(entry)} in place${details.withChanges ? " with changed params" : ""}`
        : `Retried ${typeOf(entry)}${details.withChanges ? " with changed params" : ""}${details.bulkRetryId ? " (Retry all of its failure group)" : ""}`;
    case "lane.retried":
      return `Retried the paused lane (${typeOf(entry)})`;
    case "lane.skipped":
      return "Skipped the failed run and resumed the lane";
    case "schedule.changed":
      return `Changed the schedule of ${typeOf(entry)} from ${minutes(details.fromMinutes)} to ${minutes(details.toMinutes)}`;
    case "failures.retried":
      return `Retried all ${typeof details.planned === "number" ? details.planned : ""} failed runs of a ${typeOf(entry)} failure group`.replace("  ", " ");
    case "runs.cancelled":
      return `Cancelled ${typeof details.cancelled === "number" ? details.cancelled : 0} pending ${details.type ? `${typeOf(entry)} ` : ""}runs`;
  }
}

/** The run an event links to besides its own: the retry it made, or the run it retried. */
export function auditLinkedRun(entry: AuditEntry): { id: string; label: string } | null {
  const details = entry.details ?? {};
  if (typeof details.newRunId === "string" && details.newRunId !== entry.runId) return { id: details.newRunId, label: "the retry" };
  if (typeof details.retryOf === "string") return { id: details.retryOf, label: "the failed run" };
  return null;
}
