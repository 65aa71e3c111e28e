// What a worker learns about the runs it executes from outside: a cancel asked through any web
// process (semantics 6), or the run ended by someone else (the stale-run sweep failed it while this
// worker was frozen). One statement per tick for all of the worker's runs, however many there are,
// and none while the worker is idle (issue 18: no SELECT per run per second).
import { getPool } from "@/lib/db/pool";
import { outsideRun } from "@/lib/db/fence";

export interface WatchedRun {
  onCancelRequested(): void;
  /** The run is no longer `running` (or no longer exists) although this worker did not end it. */
  onEndedElsewhere(status: string): void;
}

export const RUN_WATCH_INTERVAL_MS = 500;

export class RunWatch {
  private readonly runs = new Map<string, WatchedRun>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  /** Statements sent so far (tests count them). */
  statements = 0;

  constructor(private readonly intervalMs = RUN_WATCH_INTERVAL_MS) {}

  /** Watches a run until the returned function is called. */
  watch(runId: string, watched: WatchedRun): () => void {
    this.runs.set(runId, watched);
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    return () => {
      this.runs.delete(runId);
      if (this.runs.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async tick(): Promise<void> {
    // A tick slower than the interval (a busy database) is not doubled up.
    if (this.ticking || this.runs.size === 0) return;
    this.ticking = true;
    try {
      const ids = [...this.runs.keys()];
      this.statements += 1;
      const { rows } = await outsideRun(() =>
        getPool().query<{ id: string; status: string; cancelRequested: boolean }>(
          `SELECT id, status::text AS status, cancel_requested_at IS NOT NULL AS "cancelRequested" FROM job_runs WHERE id = ANY($1::uuid[])`,
          [ids],
        ),
      );
      const found = new Map(rows.map((row) => [row.id, row]));
      for (const id of ids) {
        const watched = this.runs.get(id);
        if (!watched) continue;
        const row = found.get(id);
        if (!row) watched.onEndedElsewhere("deleted");
        else if (row.status !== "running") watched.onEndedElsewhere(row.status);
        else if (row.cancelRequested) watched.onCancelRequested();
      }
    } catch {
      // The database is unreachable for now: the next tick asks again.
    } finally {
      this.ticking = false;
    }
  }
}
