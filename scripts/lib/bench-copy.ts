// COPY … FROM STDIN on a node-postgres client without pg-copy-streams: a "submittable" (the
// query interface node-postgres documents for custom queries) that sends the whole payload when
// the server asks for it. The bench's bare-COPY ceiling needs nothing more.
import type pg from "pg";

interface CopyConnection {
  query: (text: string) => void;
  sendCopyFromChunk: (chunk: Buffer) => void;
  endCopyFrom: () => void;
}

class CopyFromStdin {
  callback?: (error: Error | null, rows: number) => void;
  private rows = 0;
  private failure: Error | null = null;
  private finished = false;

  constructor(
    private readonly text: string,
    private readonly payload: Buffer,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(this.payload);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = Number(/COPY (\d+)/.exec(message.text ?? "")?.[1] ?? 0);
  }

  handleError(error: Error): void {
    // An error message is followed by ReadyForQuery; a broken connection is not.
    this.failure = error;
    this.finish();
  }

  handleReadyForQuery(): void {
    this.finish();
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.callback?.(this.failure, this.rows);
  }
}

/** Runs `COPY <target> FROM STDIN` with `payload` (COPY's text format); resolves to the rows copied. */
export function copyFrom(client: pg.PoolClient, target: string, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const copy = new CopyFromStdin(`COPY ${target} FROM STDIN`, Buffer.from(payload, "utf8"));
    copy.callback = (error, rows) => (error ? reject(error) : resolve(rows));
    (client as unknown as { query: (submittable: CopyFromStdin) => void }).query(copy);
  });
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (char) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[char]!);
}
