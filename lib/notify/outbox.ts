// The outbox (semantics 11 and 13): a notification and its deliveries, written on the caller's
// connection, so they commit with what they tell about or not at all. The worker sends them
// (lib/notify/deliver.ts, from worker/outbox-sender.ts). Works inside a pg transaction (the run lifecycle) and inside a
// Prisma interactive transaction (jobs writing their domain rows).
import type { Queryable } from "@/lib/db/pool";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EmailContent } from "./email-layout";

/** A pg client or pool, or a Prisma transaction client: where a notification is written. */
export type NotificationDb = Queryable | Prisma.TransactionClient;

// How long a delivery is retried before it is given up: a webhook for a day (its receiver's
// owners have had time to notice), an email for three (a mail server can be down over a weekend).
export const giveUpAfterSeconds = { email: 3 * 24 * 3600, webhook: 24 * 3600 } as const;

export type Audience = "members" | "admins";

export interface NotificationRecord {
  type: string;
  teamId: string | null;
  projectId?: string | null;
  runId?: string | null;
  email: EmailContent;
  data: unknown;
  to: {
    /** Named addresses (the person who asked with notify, the server owner's alert address). */
    emails?: string[];
    /** The team's members of the audience who get this type by email (their choice, or its default). */
    members?: { audience: Audience; emailByDefault: boolean };
    /** The team's enabled webhooks that receive this type. */
    subscribedWebhooks?: boolean;
    /** One webhook alone ("Send test"), whatever it subscribes to. */
    webhookId?: string;
  };
}

export interface RecordedNotification {
  /** Null when nobody was to receive it, and nothing was written. */
  id: string | null;
  emails: number;
  webhooks: number;
}

/** A query's rows, on either kind of connection. */
export async function rows<T>(db: NotificationDb, sql: string, values: unknown[]): Promise<T[]> {
  if ("$queryRawUnsafe" in db) return db.$queryRawUnsafe<T[]>(sql, ...values);
  return (await db.query(sql, values)).rows as T[];
}

// $1 type, $2 team, $3 project, $4 run, $5–$7 the email, $8 data; $9 named addresses, $10 whether
// members get it, $11 the audience's roles, $12 the default, $13 whether subscribed webhooks get it,
// $14 one webhook, $15 and $16 the give-up delays. Each address gets one email, however it
// qualifies; a notification nobody would receive is not written at all.
const recordSql = `
  WITH addresses AS (
    SELECT recipient FROM unnest($9::text[]) AS recipient
    UNION
    SELECT usr.email FROM memberships AS member
      JOIN users AS usr ON usr.id = member.user_id
      LEFT JOIN email_preferences AS preference ON preference.membership_id = member.id AND preference.type = $1
     WHERE $10 AND member.team_id = $2::uuid AND member.role::text = ANY($11::text[]) AND coalesce(preference.email, $12)),
  hooks AS (
    SELECT hook.id FROM webhooks AS hook
     WHERE hook.team_id = $2::uuid AND (hook.id = $14::uuid OR ($13 AND hook.enabled AND $1 = ANY(hook.types)))),
  notification AS (
    INSERT INTO notifications (id, type, team_id, project_id, run_id, subject, text_body, html_body, data)
    SELECT gen_random_uuid(), $1, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8::jsonb
     WHERE EXISTS (SELECT 1 FROM addresses) OR EXISTS (SELECT 1 FROM hooks)
    RETURNING id),
  emails AS (
    INSERT INTO notification_deliveries (id, notification_id, channel, recipient, give_up_at)
    SELECT gen_random_uuid(), notification.id, 'email', addresses.recipient, now() + make_interval(secs => $15)
      FROM notification, addresses
    RETURNING id),
  webhook_deliveries AS (
    INSERT INTO notification_deliveries (id, notification_id, channel, webhook_id, give_up_at)
    SELECT gen_random_uuid(), notification.id, 'webhook', hooks.id, now() + make_interval(secs => $16)
      FROM notification, hooks
    RETURNING id)
  SELECT (SELECT id FROM notification) AS id, (SELECT count(*) FROM emails)::int AS emails,
         (SELECT count(*) FROM webhook_deliveries)::int AS webhooks`;

const rolesOf = { members: ["owner", "admin", "member"], admins: ["owner", "admin"] } as const;

/** Writes the notification and a delivery for each address and webhook it goes to, if any. */
export async function recordNotification(db: NotificationDb, record: NotificationRecord): Promise<RecordedNotification> {
  const { to } = record;
  const [recorded] = await rows<RecordedNotification>(db, recordSql, [
    record.type,
    record.teamId,
    record.projectId ?? null,
    record.runId ?? null,
    record.email.subject,
    record.email.text,
    record.email.html,
    JSON.stringify(record.data ?? {}),
    to.emails ?? [],
    to.members !== undefined && record.teamId !== null,
    [...rolesOf[to.members?.audience ?? "admins"]],
    to.members?.emailByDefault ?? false,
    to.subscribedWebhooks === true,
    to.webhookId ?? null,
    giveUpAfterSeconds.email,
    giveUpAfterSeconds.webhook,
  ]);
  return recorded!;
}

/** Deletes up to `batchSize` notifications older than `days` (their deliveries go with them): job_runs_cleanup. */
export async function deleteOldNotifications(db: Queryable, days: number, batchSize: number): Promise<number> {
  const { rowCount } = await db.query(
    // One still being retried (a redelivery) stays until it is done.
    `DELETE FROM notifications WHERE id IN (
       SELECT id FROM notifications AS notification WHERE created_at < now() - make_interval(days => $1)
          AND NOT EXISTS (SELECT 1 FROM notification_deliveries AS delivery WHERE delivery.notification_id = notification.id AND delivery.status = 'pending')
        ORDER BY created_at LIMIT $2)`,
    [days, batchSize],
  );
  return rowCount ?? 0;
}
