"use server";
// Server actions of the team's notification settings: each member's email choices (any role, for
// themselves), and the team's webhooks (admins and owners).
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { jobRoles, teamRoles } from "@/lib/auth/permissions";
import { setEmailPreference } from "@/lib/notify/preferences";
import { emailPreferenceSchema, webhookChangeSchema, webhookInputSchema } from "@/lib/notify/schemas";
import { createWebhook, deleteWebhook, redeliver, rollWebhookSecret, sendTestDelivery, updateWebhook } from "@/lib/notify/webhooks";

const webhookId = z.uuid({ error: "webhookId must be a webhook's id" });

export const setEmailPreferenceAction = teamAction(teamRoles, emailPreferenceSchema, ({ membership, input }) => setEmailPreference(membership.id, membership.role, input));

export const createWebhookAction = teamAction(jobRoles, webhookInputSchema, ({ user, team, input }) => createWebhook(team.id, input, user.id));

export const updateWebhookAction = teamAction(jobRoles, z.object({ webhookId, changes: webhookChangeSchema }).strict(), ({ team, input }) =>
  updateWebhook(team.id, input.webhookId, input.changes),
);

export const rollWebhookSecretAction = teamAction(jobRoles, z.object({ webhookId }).strict(), ({ team, input }) => rollWebhookSecret(team.id, input.webhookId));

export const deleteWebhookAction = teamAction(jobRoles, z.object({ webhookId }).strict(), async ({ team, input }) => {
  await deleteWebhook(team.id, input.webhookId);
  return { deleted: input.webhookId };
});

export const sendTestDeliveryAction = teamAction(jobRoles, z.object({ webhookId }).strict(), ({ team, input }) => sendTestDelivery(team.id, input.webhookId));

export const redeliverAction = teamAction(jobRoles, z.object({ deliveryId: z.uuid({ error: "deliveryId must be a delivery's id" }) }).strict(), ({ team, input }) =>
  redeliver(team.id, input.deliveryId),
);
