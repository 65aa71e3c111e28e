// The email sent when a run ends: status, duration, progress summary, error and a link.
// Pure: the outbox stores what this returns.
import { renderEmail, type EmailContent } from "./email-layout";

export interface RunEmailInput {
  runId: string;
  typeLabel: string;
  status: "completed" | "failed" | "cancelled";
  projectName: string | null;
  /** Where the run can be seen; null for system runs, which the dashboard does not show. */
  link: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  processed: number;
  total: number | null;
  message: string | null;
  errorMessage: string | null;
}

const statusWord = { completed: "completed", failed: "failed", cancelled: "was cancelled" } as const;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function runEmail(input: RunEmailInput): EmailContent {
  const where = input.projectName ? ` for ${input.projectName}` : " (system job)";
  const subject = `${input.typeLabel}${where} ${statusWord[input.status]}`;
  const duration =
    input.startedAt && input.finishedAt ? formatDuration(input.finishedAt.getTime() - input.startedAt.getTime()) : "did not start";
  const progress = input.total === null ? `${input.processed} processed` : `${input.processed} of ${input.total} processed`;
  const rows: Array<[string, string]> = [
    ["Status", input.status],
    ["Duration", duration],
    ["Progress", input.message ? `${progress}: ${input.message}` : progress],
    ...(input.errorMessage ? [["Error", input.errorMessage] as [string, string]] : []),
    ["Run", input.runId],
  ];
  return renderEmail({
    subject,
    rows,
    ...(input.link
      ? { link: { label: "View the run", href: input.link } }
      : { footer: "System runs are listed by `taskdeck admin system-jobs runs` on the server." }),
  });
}
