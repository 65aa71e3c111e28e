// Progress as handlers report it, and the coalescing that keeps progress writes cheap
// (PRODUCT.md "Job semantics" 7). Pure code: the worker supplies the clock and the writer.

export interface Progress {
  processed: number;
  total: number | null;
  message: string | null;
}

export interface ProgressView extends Progress {
  /** 0-100, derived from processed/total; null while the total is unknown. */
  percent: number | null;
}

export function percentOf(processed: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((processed / total) * 100)));
}

export function progressView(progress: Progress): ProgressView {
  return { ...progress, percent: percentOf(progress.processed, progress.total) };
}

export interface ProgressUpdate {
  processed?: number;
  total?: number | null;
  message?: string | null;
}

export function normalizeProgress(current: Progress, update: ProgressUpdate): Progress {
  const toCount = (value: number) => (Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0);
  return {
    processed: update.processed === undefined ? current.processed : toCount(update.processed),
    total: update.total === undefined ? current.total : update.total === null ? null : toCount(update.total),
    // PostgreSQL cannot store NUL characters in text.
    message: update.message === undefined ? current.message : (update.message?.replaceAll("\u0000", "").slice(0, 500) ?? null),
  };
}

// Two writes a second: a dashboard refreshing every second still sees every step, and a run's
// progress costs the database next to nothing (`npm run bench` measures it).
export const PROGRESS_WRITE_INTERVAL_MS = 500;

/**
 * Keeps the latest progress in memory and writes it at most once per `intervalMs`.
 * `report` never waits for the database; `flush` writes whatever is pending (used when the run
 * ends, so the last state is always saved).
 */
export class ProgressCoalescer {
  private latest: Progress;
  private dirty = false;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  writes = 0;

  constructor(
    initial: Progress,
    private readonly write: (progress: Progress) => Promise<void>,
    private readonly intervalMs = PROGRESS_WRITE_INTERVAL_MS,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.latest = initial;
  }

  get current(): Progress {
    return this.latest;
  }

  report(update: ProgressUpdate): void {
    this.latest = normalizeProgress(this.latest, update);
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writePending();
    }, wait);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writePending();
  }

  private writePending(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.lastWriteAt = this.now();
      this.writes += 1;
      try {
        await this.write(this.latest);
      } catch {
        // A lost progress write is not worth failing the run for; the next one carries the state.
        this.dirty = true;
      }
    });
    return this.writing;
  }
}
