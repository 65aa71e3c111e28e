// One webhook of a team: its settings, Send test, the secret, and the delivery log. Admins and owners.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WebhookView } from "@/components/notifications/webhook-view";
import { NotAllowed } from "@/components/ui/not-allowed";
import { teamPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getWebhook, listDeliveries } from "@/lib/notify/webhooks";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhookPage({ params }: { params: Promise<{ teamId: string; webhookId: string }> }) {
  const { teamId, webhookId } = await params;
  const { team, allowed } = await teamPage(teamId, `/teams/${teamId}/webhooks/${webhookId}`, jobRoles);
  if (!allowed) return <NotAllowed title="Webhook" message={`Only admins and owners of ${team.name} manage its webhooks.`} />;
  const webhook = await getWebhook(team.id, webhookId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <WebhookView team={team} webhook={webhook} deliveries={await listDeliveries(team.id, webhook.id)} />;
}
