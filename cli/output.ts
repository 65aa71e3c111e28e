// How the CLI speaks: results on stdout (text for people, one JSON document with --json), and
// progress, hints and errors on stderr, so `--json | jq` always reads clean JSON.
import type { ApiRun } from "@/lib/jobs/schemas";

export interface Output {
  json: boolean;
  result(text: string, data: unknown): void;
  note(text: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(text, data) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
    },
    note(text) {
      process.stderr.write(`${text}\n`);
    },
  };
}

/** Rows as aligned columns; the header row first. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ")).join("\n");
}

export function progressText(run: Pick<ApiRun, "progress">): string {
  const { processed, total, percent, message } = run.progress;
  const counts = total === null ? `${processed} processed` : `${processed}/${total} (${percent ?? 0}%)`;
  return message ? `${counts} ${message}` : counts;
}

export function duration(run: Pick<ApiRun, "startedAt" | "finishedAt">): string {
  if (!run.startedAt) return "-";
  const ms = (run.finishedAt ? Date.parse(run.finishedAt) : Date.now()) - Date.parse(run.startedAt);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function runSummary(run: ApiRun): string {
  const lines = [
    `Run ${run.id}`,
    `  type      ${run.type}`,
    `  status    ${run.status}`,
    `  progress  ${progressText(run)}`,
    `  trigger   ${run.trigger.label}`,
    `  created   ${run.createdAt}`,
    `  started   ${run.startedAt ?? "-"}`,
    `  finished  ${run.finishedAt ?? "-"}`,
    `  duration  ${duration(run)}`,
  ];
  if (run.retryOfId) lines.push(`  retry of  ${run.retryOfId}`);
  if (run.error) lines.push(`  error     ${run.error.message}`);
  if (run.result !== null && run.result !== undefined) lines.push(`  result    ${JSON.stringify(run.result)}`);
  return lines.join("\n");
}

export function runsTable(runs: ApiRun[]): string {
  if (runs.length === 0) return "No runs.";
  return table([
    ["ID", "TYPE", "STATUS", "PROGRESS", "CREATED", "TRIGGER"],
    ...runs.map((run) => [run.id, run.type, run.status, progressText(run), run.createdAt, run.trigger.label]),
  ]);
}
