// Sending the outbox (semantics 11 and 13): deliveries are leased with SKIP LOCKED, so several
// workers never send one twice at once; each attempt's outcome is recorded on the delivery only if
// it still holds the lease it was sent under (a worker frozen past its lease cannot overwrite a
// newer attempt), and renewed just before each send. A failed attempt is retried with exponential
// backoff until the delivery's
// `give_up_at`, then the delivery is failed. Receivers may see a delivery twice (a worker that
// dies between sending and recording): webhook bodies carry the notification id to dedupe on.
import type { Transporter } from "nodemailer";
import { getPool } from "@/lib/db/pool";
import { requestOutbound } from "@/lib/net/outbound";
import { open } from "@/lib/secrets/seal";
import { SIGNATURE_HEADER, signWebhook, webhookSecretContext } from "./webhook-signature";

export interface DeliveryOptions {
  /** Null: emails are kept as `held` (no SMTP_URL), and said in the log. */
  mail: { transport: Transporter; from: string } | null;
  /** First retry delay; doubles per attempt up to an hour. */
  retryBaseMs: number;
  webhookTimeoutMs?: number;
  /** Told about each email held and each failed attempt (the worker's log). */
  report?: (level: "info" | "warn", message: string, fields: Record<string, unknown>) => void;
}

interface LeasedDelivery {
  id: string;
  channel: "email" | "webhook";
  recipient: string | null;
  webhookId: string | null;
  attempts: number;
  notificationId: string;
  type: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  data: unknown;
  createdAt: Date;
  teamId: string | null;
  teamSlug: string | null;
  teamName: string | null;
  projectId: string | null;
  projectSlug: string | null;
  projectName: string | null;
  url: string | null;
  secret: string | null;
  enabled: boolean | null;
}

interface Outcome {
  ok: boolean;
  /** For webhooks: the receiver's status code, and how long it took. */
  responseStatus?: number | null;
  durationMs?: number | null;
  error?: string;
  /** Failed for good, whatever time is left (a disabled webhook). */
  final?: boolean;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;
// A leased delivery becomes due again after this, in case its worker dies mid-send; longer than
// any one send may take (SMTP timeouts in worker/outbox-sender.ts, WEBHOOK_TIMEOUT_MS).
const LEASE_SECONDS = 120;
const WEBHOOK_TIMEOUT_MS = 10_000;

export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

const leaseSql = (condition: string) => `
  WITH leased AS (
    UPDATE notification_deliveries SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
     WHERE id IN (SELECT id FROM notification_deliveries WHERE status = 'pending' AND ${condition}
                   ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING *)
  SELECT leased.id, leased.channel::text AS channel, leased.recipient, leased.webhook_id AS "webhookId", leased.attempts,
         notification.id AS "notificationId", notification.type, notification.subject, notification.text_body AS "textBody",
         notification.html_body AS "htmlBody", notification.data, notification.created_at AS "createdAt",
         team.id AS "teamId", team.slug AS "teamSlug", team.name AS "teamName",
         project.id AS "projectId", project.slug AS "projectSlug", project.name AS "projectName",
         hook.url, hook.secret, hook.enabled
    FROM leased
    JOIN notifications AS notification ON notification.id = leased.notification_id
    LEFT JOIN teams AS team ON team.id = notification.team_id
    LEFT JOIN projects AS project ON project.id = notification.project_id
    LEFT JOIN webhooks AS hook ON hook.id = leased.webhook_id`;

/** What a webhook receives: the same for every attempt, so `id` dedupes. */
function webhookBody(delivery: LeasedDelivery): string {
  return JSON.stringify({
    id: delivery.notificationId,
    type: delivery.type,
    createdAt: delivery.createdAt.toISOString(),
    team: delivery.teamId ? { id: delivery.teamId, slug: delivery.teamSlug, name: delivery.teamName } : null,
    project: delivery.projectId ? { id: delivery.projectId, slug: delivery.projectSlug, name: delivery.projectName } : null,
    data: delivery.data,
  });
}

async function sendWebhook(delivery: LeasedDelivery, options: DeliveryOptions): Promise<Outcome> {
  if (!delivery.url || !delivery.secret) return { ok: false, final: true, error: "The webhook was deleted" };
  // A test goes to a disabled webhook too: that is how one checks it before enabling it.
  if (!delivery.enabled && delivery.type !== "webhook.test") return { ok: false, final: true, error: "The webhook was disabled before this was sent" };
  const body = webhookBody(delivery);
  let secret: string;
  try {
    secret = open(delivery.secret, webhookSecretContext(delivery.webhookId!));
  } catch {
    // Retrying cannot help: the server's keys do not open this webhook's secret.
    return { ok: false, final: true, error: "The webhook's signing secret does not open with this server's TASKDECK_ENCRYPTION_KEY; roll the secret" };
  }
  const started = Date.now();
  try {
    const response = await requestOutbound(delivery.url, {
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Taskdeck-Webhooks/1",
        "X-Taskdeck-Event": delivery.type,
        "X-Taskdeck-Delivery": delivery.id,
        [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)),
      },
      timeoutMs: options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS,
      truncate: true,
    });
    const durationMs = Date.now() - started;
    if (response.status >= 200 && response.status < 300) return { ok: true, responseStatus: response.status, durationMs };
    const why = response.status >= 300 && response.status < 400 ? `redirected to ${response.location ?? "elsewhere"}; webhooks follow no redirects` : response.body.trim().slice(0, 300);
    return { ok: false, responseStatus: response.status, durationMs, error: `HTTP ${response.status}${why ? `: ${why}` : ""}` };
  } catch (error) {
    return { ok: false, responseStatus: null, durationMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

async function sendEmail(delivery: LeasedDelivery, options: DeliveryOptions): Promise<Outcome | "held"> {
  if (!options.mail) return "held";
  try {
    await options.mail.transport.sendMail({ from: options.mail.from, to: delivery.recipient!, subject: delivery.subject, text: delivery.textBody, html: delivery.htmlBody });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function record(delivery: LeasedDelivery, outcome: Outcome, retryBaseMs: number): Promise<void> {
  const fence = [delivery.id, delivery.attempts];
  const answer = [outcome.responseStatus ?? null, outcome.durationMs ?? null];
  if (outcome.ok) {
    await getPool().query(
      `UPDATE notification_deliveries SET status = 'sent', sent_at = now(), last_error = NULL, response_status = $3, duration_ms = $4
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [...fence, ...answer],
    );
    return;
  }
  // Failed for good once the next try would come after give_up_at.
  await getPool().query(
    `UPDATE notification_deliveries
        SET status = CASE WHEN $6 OR now() + make_interval(secs => $5) > give_up_at THEN 'failed'::"DeliveryStatus" ELSE 'pending'::"DeliveryStatus" END,
            next_attempt_at = now() + make_interval(secs => $5), last_error = $7, response_status = $3, duration_ms = $4
      WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [...fence, ...answer, backoffMs(delivery.attempts, retryBaseMs) / 1000, outcome.final === true, (outcome.error ?? "failed").slice(0, 1000)],
  );
}

// Renews the lease just before sending, and says whether this worker still holds it: a batch sent
// one email after another can outlast the lease it was taken with, and another worker may have
// taken a delivery since; sending it again would send it twice.
async function stillLeased(delivery: LeasedDelivery): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE notification_deliveries SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}) WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [delivery.id, delivery.attempts],
  );
  return rowCount === 1;
}

async function attempt(delivery: LeasedDelivery, options: DeliveryOptions): Promise<void> {
  if (!(await stillLeased(delivery))) return;
  if (delivery.channel === "email") {
    const outcome = await sendEmail(delivery, options);
    if (outcome === "held") {
      // Warn level: an email nobody will receive is worth seeing even in a quiet log.
      options.report?.("warn", "email not sent: SMTP_URL is not set; kept in the outbox", { to: delivery.recipient, subject: delivery.subject, body: delivery.textBody.trimEnd() });
      await getPool().query(`UPDATE notification_deliveries SET status = 'held' WHERE id = $1 AND attempts = $2`, [delivery.id, delivery.attempts]);
      return;
    }
    if (!outcome.ok) options.report?.("warn", "email delivery failed, will retry", { to: delivery.recipient, attempt: delivery.attempts, error: outcome.error });
    return record(delivery, outcome, options.retryBaseMs);
  }
  const outcome = await sendWebhook(delivery, options);
  if (!outcome.ok) options.report?.("warn", "webhook delivery failed", { webhookId: delivery.webhookId, attempt: delivery.attempts, status: outcome.responseStatus, error: outcome.error });
  return record(delivery, outcome, options.retryBaseMs);
}

/** Leases up to `batchSize` due deliveries and attempts each; returns how many it leased. */
export async function sendDueDeliveries(options: DeliveryOptions & { batchSize?: number }): Promise<number> {
  const { rows } = await getPool().query<LeasedDelivery>(leaseSql(`next_attempt_at <= now()`), [options.batchSize ?? 20]);
  // Webhooks wait on receivers, so they go side by side; emails go one after another over SMTP.
  const emails = rows.filter((delivery) => delivery.channel === "email");
  const sendEmails = async () => {
    for (const delivery of emails) await attempt(delivery, options);
  };
  await Promise.all([sendEmails(), ...rows.filter((delivery) => delivery.channel === "webhook").map((delivery) => attempt(delivery, options))]);
  return rows.length;
}

/** Attempts one delivery now, whenever it was due (a webhook's "Send test"). */
export async function sendDeliveryNow(deliveryId: string, options: DeliveryOptions): Promise<boolean> {
  const { rows } = await getPool().query<LeasedDelivery>(leaseSql(`id = $2`), [1, deliveryId]);
  const [delivery] = rows;
  if (!delivery) return false;
  await attempt(delivery, options);
  return true;
}
