"use client";
// One webhook: what it receives, Send test (answered at once with the receiver's reply), edit,
// enable or disable, roll the secret (shown once), delete, and the delivery log with each answer
// and Redeliver for what failed. The log refreshes while deliveries are still being retried.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteWebhookAction, redeliverAction, rollWebhookSecretAction, sendTestDeliveryAction, updateWebhookAction } from "@/app/teams/[teamId]/notifications/actions";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { notificationTypes, type NotificationType } from "@/lib/notify/types";
import type { DeliveryView, WebhookView as Webhook } from "@/lib/notify/webhooks";
import { DeliveryStatus, deliveryLabel } from "./delivery-status";
import { SecretPanel } from "./secret-panel";
import { WebhookFormDialog } from "./webhook-form-dialog";
import { TypeChips } from "./webhooks-section";

interface WebhookViewProps {
  team: { id: string; slug: string; name: string };
  webhook: Webhook;
  deliveries: DeliveryView[];
}

const typeLabel = (type: string) => notificationTypes[type as NotificationType]?.label ?? type;

export function WebhookView({ team, webhook, deliveries }: WebhookViewProps) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "roll" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const retrying = deliveries.some((delivery) => delivery.status === "pending");

  // Runs an action, tells what happened, and shows the page's new state (unless `done` left it).
  const act = <T,>(work: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>, done: (data: T) => void | "left") =>
    startTransition(async () => {
      const result = await work();
      if (!result.ok) toast({ title: "That did not work", description: result.error.message, tone: "error" });
      else if (done(result.data) === "left") return;
      router.refresh();
    });

  const sendTest = () =>
    act(
      () => sendTestDeliveryAction(team.id, { webhookId: webhook.id }),
      (delivery) =>
        toast(
          delivery.status === "sent"
            ? { title: "Test delivered", description: `The receiver answered ${delivery.responseStatus} in ${delivery.durationMs} ms.`, tone: "success" }
            : { title: "Test not delivered", description: delivery.lastError ?? "The receiver did not accept it.", tone: "error" },
        ),
    );

  return (
    <div className="space-y-6">
      {retrying && <AutoRefresh everyMs={5000} />}
      <header className="space-y-3">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          <Link href={`/teams/${team.slug}/notifications`} className="hover:underline">
            {team.name} · Notifications
          </Link>
        </p>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold tracking-tight">{webhook.description ?? "Webhook"}</h1>
            <p className="mt-1 break-all font-mono text-sm text-slate-700 dark:text-slate-300">{webhook.url}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button onClick={sendTest} disabled={pending}>
              Send test
            </Button>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() =>
                act(
                  () => updateWebhookAction(team.id, { webhookId: webhook.id, changes: { enabled: !webhook.enabled } }),
                  (updated) => toast({ title: updated.enabled ? "Webhook enabled" : "Webhook disabled", description: updated.enabled ? undefined : "It receives nothing until it is enabled again; Send test still works." }),
                )
              }
            >
              {webhook.enabled ? "Disable" : "Enable"}
            </Button>
          </div>
        </div>
        <dl className="grid gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Status</dt>
            <dd className="mt-0.5 font-medium">{webhook.enabled ? "Enabled" : "Disabled"}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs text-slate-500 dark:text-slate-400">Receives</dt>
            <dd className="mt-1">
              <TypeChips types={webhook.types} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Signing secret</dt>
            <dd className="mt-0.5 flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs">{webhook.secretHint}</span>
              <button type="button" onClick={() => setConfirm("roll")} className="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                Roll secret
              </button>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Added</dt>
            <dd className="mt-0.5">
              <Time value={webhook.createdAt} />
              {webhook.createdBy && ` by ${webhook.createdBy}`}
            </dd>
          </div>
        </dl>
      </header>

      {secret && <SecretPanel title="The new signing secret" secret={secret} onDismiss={() => setSecret(null)} />}

      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="text-base font-semibold">
          Recent deliveries
        </h2>
        {deliveries.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            Nothing delivered yet. Send a test to check that the receiver answers.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {deliveries.map((delivery) => (
              <li key={delivery.id} aria-label={`${typeLabel(delivery.type)}, ${deliveryLabel(delivery)}`} className="flex flex-col gap-1.5 p-3 text-sm sm:flex-row sm:items-start sm:gap-4">
                <div className="flex shrink-0 items-center gap-2 sm:w-28">
                  <DeliveryStatus delivery={delivery} />
                  {delivery.responseStatus !== null && <span className="font-mono text-xs">{delivery.responseStatus}</span>}
                </div>
                <div className="min-w-0 flex-1">
                  <p>
                    <span className="font-medium">{typeLabel(delivery.type)}</span>{" "}
                    <span className="text-xs text-slate-500 dark:text-slate-400">
                      <Time value={delivery.createdAt} /> · {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
                      {delivery.durationMs !== null && ` · ${delivery.durationMs} ms`}
                      {delivery.nextAttemptAt && delivery.attempts > 0 && (
                        <>
                          {" "}
                          · next try <Time value={delivery.nextAttemptAt} />
                        </>
                      )}
                    </span>
                  </p>
                  {delivery.lastError && delivery.status !== "sent" && <p className="mt-0.5 break-words font-mono text-xs text-red-700 dark:text-red-300">{delivery.lastError}</p>}
                </div>
                {delivery.status === "failed" && (
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    aria-label={`Redeliver the ${typeLabel(delivery.type)} delivery of ${new Date(delivery.createdAt).toUTCString()}`}
                    onClick={() => act(() => redeliverAction(team.id, { deliveryId: delivery.id }), () => toast({ title: "Queued to be sent again" }))}
                  >
                    Redeliver
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="delete-heading" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-red-200 p-4 dark:border-red-900/60">
        <div>
          <h2 id="delete-heading" className="text-sm font-semibold">
            Delete this webhook
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">It receives nothing more, and its delivery log goes with it.</p>
        </div>
        <Button variant="danger" onClick={() => setConfirm("delete")}>
          Delete webhook
        </Button>
      </section>

      {editing && (
        <WebhookFormDialog
          teamId={team.id}
          webhook={webhook}
          open
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            toast({ title: "Webhook saved" });
            router.refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={confirm === "roll"}
        title="Roll the signing secret?"
        confirmLabel="Roll secret"
        pending={pending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          act(
            () => rollWebhookSecretAction(team.id, { webhookId: webhook.id }),
            (rolled) => {
              setConfirm(null);
              setSecret(rolled.secret);
            },
          )
        }
      >
        <p>Deliveries are signed with a new secret from now on; the receiver must be given it, or it will refuse them.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        pending={pending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          act(
            () => deleteWebhookAction(team.id, { webhookId: webhook.id }),
            () => {
              setConfirm(null);
              toast({ title: "Webhook deleted" });
              router.push(`/teams/${team.slug}/notifications`);
              return "left";
            },
          )
        }
      >
        <p>It receives nothing more, and its delivery log goes with it.</p>
      </ConfirmDialog>
    </div>
  );
}
