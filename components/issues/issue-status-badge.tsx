// An issue's status as a badge: new and regressed still need someone; resolved and ignored do not.
import type { IssueStatusName } from "@/lib/issues/schemas";

const styles: Record<IssueStatusName, string> = {
  new: "bg-blue-50 text-blue-700 ring-blue-300 dark:bg-blue-950 dark:text-blue-300 dark:ring-blue-800",
  regressed: "bg-red-50 text-red-700 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  resolved: "bg-emerald-50 text-emerald-700 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800",
  ignored: "bg-slate-100 text-slate-600 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600",
};
const dots: Record<IssueStatusName, string> = { new: "bg-blue-500", regressed: "bg-red-500", resolved: "bg-emerald-500", ignored: "bg-slate-400" };

export const issueStatusLabels: Record<IssueStatusName, string> = { new: "New", regressed: "Regressed", resolved: "Resolved", ignored: "Ignored" };

export function IssueStatusBadge({ status }: { status: IssueStatusName }) {
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${styles[status]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${dots[status]}`} />
      {issueStatusLabels[status]}
    </span>
  );
}
