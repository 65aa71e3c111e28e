// A team's webhooks (semantics 13): made, changed, tested and deleted by the team's admins, with
// the delivery log. The signing secret is sealed at rest and shown once, when it is made or
// rolled. Addresses are checked to be public when saved (lib/net/outbound.ts) and again, at
// connect time, on every delivery.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { withTransaction } from "@/lib/db/pool";
import { AppError, invalid } from "@/lib/errors";
import { assertPublicUrl, OutboundUrlError } from "@/lib/net/outbound";
import { seal } from "@/lib/secrets/seal";
import { sendDeliveryNow } from "./deliver";
import { giveUpAfterSeconds, recordNotification } from "./outbox";
import { webhookChangeSchema, webhookInputSchema } from "./schemas";
import { notificationTypes } from "./types";
import { newWebhookSecret, webhookSecretContext } from "./webhook-signature";

// A team's webhooks are few; a cap keeps one admin from making every notification a thousand requests.
export const MAX_WEBHOOKS_PER_TEAM = 10;

export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  types: string[];
  enabled: boolean;
  secretHint: string;
  createdAt: string;
  createdBy: string | null;
  lastDelivery: { status: DeliveryView["status"]; responseStatus: number | null; at: string } | null;
}

export interface DeliveryView {
  id: string;
  type: string;
  status: "pending" | "sent" | "held" | "failed";
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

// An id that is not a UUID names no webhook (and must not reach a uuid column as a 500).
const notFoundUnlessId = (id: string, what: string) => {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", `${what} not found`);
};
const hintOf = (secret: string) => `whsec_…${secret.slice(-4)}`;

const deliveryInclude = { notification: { select: { type: true } } } as const;

type DeliveryRow = Awaited<ReturnType<typeof prisma.notificationDelivery.findMany<{ include: typeof deliveryInclude }>>>[number];

function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    type: row.notification.type,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
  };
}

const webhookInclude = {
  createdBy: { select: { name: true, email: true } },
  deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, responseStatus: true, createdAt: true, sentAt: true } },
} as const;

type WebhookRow = Awaited<ReturnType<typeof prisma.webhook.findMany<{ include: typeof webhookInclude }>>>[number];

function webhookView(row: WebhookRow): WebhookView {
  const last = row.deliveries[0];
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    types: row.types,
    enabled: row.enabled,
    secretHint: row.secretHint,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? row.createdBy?.email ?? null,
    lastDelivery: last ? { status: last.status, responseStatus: last.responseStatus, at: (last.sentAt ?? last.createdAt).toISOString() } : null,
  };
}

async function checkAddress(url: string): Promise<void> {
  try {
    await assertPublicUrl(url);
  } catch (error) {
    if (error instanceof OutboundUrlError) throw new AppError("bad_request", error.message, { issues: [{ path: "url", message: error.message }] });
    throw error;
  }
}

export async function listWebhooks(teamId: string): Promise<WebhookView[]> {
  const rows = await prisma.webhook.findMany({ where: { teamId }, orderBy: { createdAt: "asc" }, include: webhookInclude });
  return rows.map(webhookView);
}

export async function getWebhook(teamId: string, webhookId: string): Promise<WebhookView> {
  notFoundUnlessId(webhookId, "Webhook");
  const row = await prisma.webhook.findFirst({ where: { id: webhookId, teamId }, include: webhookInclude });
  if (!row) throw new AppError("not_found", "Webhook not found");
  return webhookView(row);
}

/** Makes a webhook; the secret in the answer is the only time it is shown. */
export async function createWebhook(teamId: string, input: unknown, createdById: string | null): Promise<{ webhook: WebhookView; secret: string }> {
  const parsed = webhookInputSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid webhook", parsed.error);
  await checkAddress(parsed.data.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const row = await withTransaction(async (client) => {
    // Counted under a lock on the team's row, so two admins at once cannot pass the cap together.
    await client.query(`SELECT 1 FROM teams WHERE id = $1 FOR UPDATE`, [teamId]);
    const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM webhooks WHERE team_id = $1`, [teamId]);
    if ((rows[0]?.count ?? 0) >= MAX_WEBHOOKS_PER_TEAM) throw new AppError("conflict", `A team has at most ${MAX_WEBHOOKS_PER_TEAM} webhooks; delete one first`);
    await client.query(
      `INSERT INTO webhooks (id, team_id, url, description, types, secret, secret_hint, created_by_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [id, teamId, parsed.data.url, parsed.data.description, parsed.data.types, seal(secret, webhookSecretContext(id)), hintOf(secret), createdById],
    );
  }).then(() => prisma.webhook.findUniqueOrThrow({ where: { id }, include: webhookInclude }));
  return { webhook: webhookView(row), secret };
}

export async function updateWebhook(teamId: string, webhookId: string, input: unknown): Promise<WebhookView> {
  notFoundUnlessId(webhookId, "Webhook");
  const parsed = webhookChangeSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid webhook", parsed.error);
  if (parsed.data.url) await checkAddress(parsed.data.url);
  const { count } = await prisma.webhook.updateMany({ where: { id: webhookId, teamId }, data: parsed.data });
  if (count === 0) throw new AppError("not_found", "Webhook not found");
  return getWebhook(teamId, webhookId);
}

/** A new secret, shown once; the old one stops signing at once. */
export async function rollWebhookSecret(teamId: string, webhookId: string): Promise<{ webhook: WebhookView; secret: string }> {
  notFoundUnlessId(webhookId, "Webhook");
  const secret = newWebhookSecret();
  const { count } = await prisma.webhook.updateMany({ where: { id: webhookId, teamId }, data: { secret: seal(secret, webhookSecretContext(webhookId)), secretHint: hintOf(secret) } });
  if (count === 0) throw new AppError("not_found", "Webhook not found");
  return { webhook: await getWebhook(teamId, webhookId), secret };
}

/** Deletes the webhook and its delivery log. */
export async function deleteWebhook(teamId: string, webhookId: string): Promise<void> {
  notFoundUnlessId(webhookId, "Webhook");
  const { count } = await prisma.webhook.deleteMany({ where: { id: webhookId, teamId } });
  if (count === 0) throw new AppError("not_found", "Webhook not found");
}

export async function listDeliveries(teamId: string, webhookId: string, limit = 50): Promise<DeliveryView[]> {
  notFoundUnlessId(webhookId, "Webhook");
  const rows = await prisma.notificationDelivery.findMany({
    where: { webhookId, webhook: { teamId } },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: deliveryInclude,
  });
  return rows.map(deliveryView);
}

/**
 * "Send test": a `webhook.test` delivery to this webhook alone, attempted now from this process
 * and answered with its outcome; it is in the delivery log like any other, and is not retried.
 */
export async function sendTestDelivery(teamId: string, webhookId: string): Promise<DeliveryView> {
  await getWebhook(teamId, webhookId);
  const data = notificationTypes["webhook.test"].data.parse({ message: "A test delivery from Taskdeck: this webhook is reachable and its signature can be checked." });
  const deliveryId = await withTransaction(async (client) => {
    const recorded = await recordNotification(client, { type: "webhook.test", teamId, email: { subject: "Webhook test", text: "", html: "" }, data, to: { webhookId } });
    // Deleted meanwhile.
    if (!recorded.id) throw new AppError("not_found", "Webhook not found");
    // Not due for the workers (this process sends it), and not retried.
    const { rows } = await client.query<{ id: string }>(
      `UPDATE notification_deliveries SET give_up_at = now(), next_attempt_at = now() + interval '5 minutes' WHERE notification_id = $1 RETURNING id`,
      [recorded.id],
    );
    return rows[0]!.id;
  });
  await sendDeliveryNow(deliveryId, { mail: null, retryBaseMs: 0 });
  const row = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: deliveryInclude });
  return deliveryView(row);
}

/** Sends a failed delivery again: it is pending now and retried for another day. */
export async function redeliver(teamId: string, deliveryId: string): Promise<DeliveryView> {
  notFoundUnlessId(deliveryId, "Delivery");
  const { count } = await prisma.notificationDelivery.updateMany({
    where: { id: deliveryId, status: "failed", webhook: { teamId } },
    data: { status: "pending", nextAttemptAt: new Date(), giveUpAt: new Date(Date.now() + giveUpAfterSeconds.webhook * 1000) },
  });
  if (count === 0) throw new AppError("not_found", "No failed delivery of this team's webhooks with that id");
  const row = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: deliveryInclude });
  return deliveryView(row);
}
