"use client";
// The team's webhooks, for admins: each with what it receives and how its last delivery went, and
// "Add webhook", after which the new secret is shown once.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { notificationTypes, type NotificationType } from "@/lib/notify/types";
import type { WebhookView } from "@/lib/notify/webhooks";
import { DeliveryStatus } from "./delivery-status";
import { SecretPanel } from "./secret-panel";
import { WebhookFormDialog } from "./webhook-form-dialog";

export function TypeChips({ types }: { types: string[] }) {
  return (
    <div className="flex flex-wrap gap-1">
      {types.map((type) => (
        <span key={type} title={notificationTypes[type as NotificationType]?.label} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          {type}
        </span>
      ))}
    </div>
  );
}

export function WebhooksSection({ team, webhooks }: { team: { id: string; slug: string }; webhooks: WebhookView[] }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ webhook: WebhookView; secret: string } | null>(null);

  return (
    <section aria-labelledby="webhooks-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="webhooks-heading" className="text-base font-semibold">
            Webhooks
          </h2>
          <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            Each webhook receives the notifications it chose as a signed JSON POST. A receiver that fails is retried with backoff for a day.
          </p>
        </div>
        <Button onClick={() => setAdding(true)}>Add webhook</Button>
      </div>

      {created && <SecretPanel title={`Signing secret of ${created.webhook.description ?? new URL(created.webhook.url).host}`} secret={created.secret} onDismiss={() => setCreated(null)} />}

      {webhooks.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No webhooks yet. Add one to send new issues, reviews and failed runs to your own service, an incident tool or a chat relay.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {webhooks.map((webhook) => (
            <li key={webhook.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 space-y-1.5">
                <Link href={`/teams/${team.slug}/webhooks/${webhook.id}`} className="block truncate font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {webhook.url}
                </Link>
                {webhook.description && <p className="text-sm text-slate-600 dark:text-slate-400">{webhook.description}</p>}
                <TypeChips types={webhook.types} />
              </div>
              <div className="flex shrink-0 flex-wrap items-center gap-2 text-xs text-slate-600 sm:flex-col sm:items-end dark:text-slate-400">
                {!webhook.enabled && <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600">Disabled</span>}
                {webhook.lastDelivery ? (
                  <span className="flex items-center gap-1.5">
                    <DeliveryStatus delivery={{ status: webhook.lastDelivery.status, attempts: 1 }} />
                    {webhook.lastDelivery.responseStatus !== null && <span className="font-mono">{webhook.lastDelivery.responseStatus}</span>}
                    <Time value={webhook.lastDelivery.at} />
                  </span>
                ) : (
                  <span>No deliveries yet</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      {adding && (
        <WebhookFormDialog
          teamId={team.id}
          open
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            if (saved.secret) setCreated({ webhook: saved.webhook, secret: saved.secret });
            router.refresh();
          }}
        />
      )}
    </section>
  );
}
