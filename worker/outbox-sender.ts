// Sends the email outbox over SMTP (semantics 11). Rows are leased with SKIP LOCKED so several
// workers never send one email twice; a failed attempt is recorded and retried with exponential
// backoff. Without SMTP_URL, emails are written to the worker log once and kept as `held`.
import nodemailer from "nodemailer";
import { getPool } from "@/lib/db/pool";
import { log } from "./logger";

export interface OutboxOptions {
  smtpUrl?: string;
  from: string;
  /** First retry delay; doubles per attempt up to an hour. */
  retryBaseMs?: number;
  batchSize?: number;
}

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;
// A leased row becomes due again after this, in case its worker dies mid-send.
const LEASE_SECONDS = 120;

export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export function createOutboxSender(options: OutboxOptions) {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const baseMs = options.retryBaseMs ?? 5000;
  const pool = getPool();

  async function sendDue(): Promise<number> {
    const { rows } = await pool.query<OutboxRow>(
      `UPDATE notifications SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, subject, text_body, html_body, attempts`,
      [options.batchSize ?? 20, LEASE_SECONDS],
    );
    for (const row of rows) {
      if (!transport) {
        // Warn level: an email nobody will receive is worth seeing even in a quiet log.
        log("warn", "email not sent: SMTP_URL is not set; kept in the outbox", { to: row.recipient, subject: row.subject });
        log("warn", row.text_body.trimEnd());
        await pool.query(`UPDATE notifications SET status = 'held' WHERE id = $1`, [row.id]);
        continue;
      }
      try {
        await transport.sendMail({ from: options.from, to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body });
        await pool.query(`UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const delay = backoffMs(row.attempts, baseMs);
        await pool.query(
          `UPDATE notifications SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
          [row.id, message.slice(0, 1000), delay / 1000],
        );
        log("warn", "email delivery failed, will retry", { to: row.recipient, attempt: row.attempts, retryInMs: delay, error: message });
      }
    }
    return rows.length;
  }

  return {
    sendDue,
    close: () => transport?.close(),
  };
}
