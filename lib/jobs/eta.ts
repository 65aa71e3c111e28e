// How long a running run still needs, from its pace so far. Pure; the dashboard shows it next to
// the progress bar. No estimate until there is a total and some progress to judge the pace by.

export function remainingMs(run: { status: string; startedAt: string | null; progress: { processed: number; total: number | null } }, now: number): number | null {
  const { processed, total } = run.progress;
  if (run.status !== "running" || !run.startedAt || total === null || total <= 0 || processed <= 0 || processed >= total) return null;
  const elapsed = now - Date.parse(run.startedAt);
  if (!(elapsed > 0)) return null;
  return (elapsed / processed) * (total - processed);
}

export function formatRemaining(ms: number | null): string | null {
  if (ms === null) return null;
  const seconds = Math.round(ms / 1000);
  if (seconds < 5) return "almost done";
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min left`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A run's duration so far (running) or in all (finished); null before it starts. */
export function runDurationMs(run: { startedAt: string | null; finishedAt: string | null }, now: number): number | null {
  if (!run.startedAt) return null;
  return (run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.startedAt);
}

/** A wait worth showing: from trigger to start, when the run queued for 10 s or more (e.g. behind its lane). */
export const NOTABLE_WAIT_MS = 10_000;

/** How long a run waited to start, or null when it started about at once (or not yet). */
export function runWaitMs(run: { createdAt: string; startedAt: string | null }): number | null {
  if (!run.startedAt) return null;
  const waited = Date.parse(run.startedAt) - Date.parse(run.createdAt);
  return waited >= NOTABLE_WAIT_MS ? waited : null;
}
