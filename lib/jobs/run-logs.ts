// A run's log (issue 19): the lines its handler logs (context.log, context.warn) and how it ended,
// kept with the run and deleted with it. Written the way progress is: lines gather in memory and
// go in one INSERT every half second, so a handler logging in a tight loop costs a few statements a
// second; past RUN_LOG_LIMIT lines a run keeps only a count of what it dropped, said in its last line.
// Secrets are hidden before a line is kept (lib/secrets/redaction.ts).
import { getPool, type Queryable } from "@/lib/db/pool";
import { redactText, redactValue } from "@/lib/secrets/redaction";

export const runLogLevels = ["info", "warn", "error"] as const;
export type RunLogLevel = (typeof runLogLevels)[number];

export const RUN_LOG_LIMIT = 2000;
export const RUN_LOG_WRITE_INTERVAL_MS = 500;
const MESSAGE_LIMIT = 2000;
const FIELDS_LIMIT = 4000;

export interface RunLogLine {
  at: Date;
  level: RunLogLevel;
  message: string;
  fields: Record<string, unknown> | null;
}

/** A line as the API answers it: ids are strings (they are bigints) and work as cursors. */
export interface ApiRunLogLine {
  id: string;
  at: string;
  level: RunLogLevel;
  message: string;
  fields: Record<string, unknown> | null;
}

// PostgreSQL refuses NUL in text and jsonb.
const clean = (text: string) => text.replaceAll("\u0000", "");

/** A line as it is kept: redacted, bounded, storable. */
export function logLine(level: RunLogLevel, message: string, fields?: Record<string, unknown> | null, at = new Date()): RunLogLine {
  let kept: Record<string, unknown> | null = null;
  if (fields && Object.keys(fields).length > 0) {
    let json: string;
    try {
      json = clean(JSON.stringify(redactValue(fields), (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
    } catch (error) {
      json = JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
    }
    kept = json.length > FIELDS_LIMIT ? { truncated: true, preview: json.slice(0, 500) } : (JSON.parse(json) as Record<string, unknown>);
  }
  return { at, level, message: clean(redactText(String(message))).slice(0, MESSAGE_LIMIT), fields: kept };
}

export async function insertRunLogs(runId: string, lines: RunLogLine[], db: Queryable = getPool()): Promise<void> {
  if (lines.length === 0) return;
  await db.query(
    `INSERT INTO run_logs (run_id, at, level, message, fields)
     SELECT $1, line.at, line.level, line.message, line.fields
       FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::jsonb[]) AS line(at, level, message, fields)`,
    [runId, lines.map((line) => line.at), lines.map((line) => line.level), lines.map((line) => line.message), lines.map((line) => (line.fields ? JSON.stringify(line.fields) : null))],
  );
}

/**
 * The lines of one run while it runs: `add` never waits for the database; a write at most every
 * `intervalMs`; `close` writes the rest and, if lines were dropped, says how many.
 */
export class RunLogBuffer {
  private pending: RunLogLine[] = [];
  private kept = 0;
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Statements sent (tests count them). */
  writes = 0;

  constructor(
    private readonly write: (lines: RunLogLine[]) => Promise<void>,
    private readonly options: { limit?: number; intervalMs?: number } = {},
  ) {}

  add(line: RunLogLine): void {
    if (this.closed) return;
    // One line is kept back for the run's ending (its error, or the count of what was dropped).
    if (this.kept >= (this.options.limit ?? RUN_LOG_LIMIT) - 1) {
      this.dropped += 1;
      return;
    }
    this.kept += 1;
    this.pending.push(line);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.intervalMs ?? RUN_LOG_WRITE_INTERVAL_MS);
  }

  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.pending.length === 0) return;
      const lines = this.pending;
      this.pending = [];
      this.writes += 1;
      try {
        await this.write(lines);
      } catch {
        // The database is away for now: the lines go with the next write.
        this.pending = [...lines, ...this.pending];
      }
    });
    return this.writing;
  }

  /** Writes what is left, with `last` (how the run ended) and the count of dropped lines. */
  async close(last?: RunLogLine): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
    if (this.dropped > 0) {
      this.pending.push(logLine("warn", `${this.dropped.toLocaleString("en-US")} more log ${this.dropped === 1 ? "line was" : "lines were"} dropped: a run keeps at most ${(this.options.limit ?? RUN_LOG_LIMIT).toLocaleString("en-US")}`, { dropped: this.dropped }));
    }
    if (last) this.pending.push(last);
    await this.flush();
  }
}

/** A page of a run's lines after `after` (a line id), oldest first. */
export async function readRunLogs(runId: string, options: { after?: string | null; limit: number }): Promise<{ logs: ApiRunLogLine[]; nextCursor: string | null; hasMore: boolean }> {
  const { rows } = await getPool().query<{ id: string; at: Date; level: RunLogLevel; message: string; fields: Record<string, unknown> | null }>(
    `SELECT id::text, at, level, message, fields FROM run_logs WHERE run_id = $1 AND run_logs.id > $2::bigint ORDER BY run_logs.id LIMIT $3`,
    [runId, options.after ?? "0", options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  const logs = page.map((row) => ({ ...row, at: row.at.toISOString() }));
  // Without a full page the cursor is still the last line: a running run's next lines come after it.
  return { logs, nextCursor: logs.at(-1)?.id ?? options.after ?? null, hasMore: rows.length > options.limit };
}
