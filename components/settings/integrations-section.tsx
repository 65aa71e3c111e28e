"use client";
// A project's integrations: each service its jobs talk to, whether it is connected, what the last
// "Test connection" said, and for admins Connect, Edit, Test connection and Disconnect. Secrets are
// never shown: a hint (the last characters of a key, or which key) stands in for them.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { checkIntegrationAction, disconnectIntegrationAction } from "@/app/projects/[projectId]/settings/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { integrationDefinitions, type IntegrationKind } from "@/lib/integrations/kinds";
import type { IntegrationView } from "@/lib/integrations/store";
import { IntegrationFormDialog } from "./integration-form-dialog";

const statusStyles = {
  none: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  untested: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  failed: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
} as const;

function statusOf(integration: IntegrationView): { label: string; style: keyof typeof statusStyles } {
  if (!integration.connected) return { label: "Not connected", style: "none" };
  if (integration.status === "ok") return { label: "Connected", style: "ok" };
  if (integration.status === "failed") return { label: "Connection failed", style: "failed" };
  return { label: "Connected, not tested", style: "untested" };
}

function Settings({ integration }: { integration: IntegrationView }) {
  const fields = integrationDefinitions[integration.kind].fields;
  return (
    <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
      {fields.map((field) => {
        const value = field.secret ? integration.secretHint : integration.config[field.name];
        return (
          <div key={field.name} className="min-w-0">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{field.label}</dt>
            <dd className="mt-0.5 truncate font-mono text-xs" title={typeof value === "string" ? value : undefined}>
              {value === null || value === undefined || value === "" ? <span className="font-sans text-slate-500 dark:text-slate-400">{field.optional ? "Default" : "—"}</span> : String(value)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function IntegrationsSection({ project, integrations, canManage }: { project: { id: string; slug: string; name: string }; integrations: IntegrationView[]; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState<IntegrationView | null>(null);
  const [disconnecting, setDisconnecting] = useState<IntegrationView | null>(null);
  const [testing, setTesting] = useState<IntegrationKind | null>(null);
  const [pending, startTransition] = useTransition();

  const test = (kind: IntegrationKind) => {
    setTesting(kind);
    startTransition(async () => {
      const result = await checkIntegrationAction(project.id, { kind });
      setTesting(null);
      if (!result.ok) toast({ title: "Test connection failed", description: result.error.message, tone: "error" });
      else toast({ title: result.data.result.ok ? "Connection works" : "Connection failed", description: result.data.result.message, tone: result.data.result.ok ? "success" : "error" });
      router.refresh();
    });
  };

  const disconnect = (integration: IntegrationView) =>
    startTransition(async () => {
      const result = await disconnectIntegrationAction(project.id, { kind: integration.kind });
      setDisconnecting(null);
      toast(result.ok ? { title: `${integration.label} disconnected` } : { title: "Not disconnected", description: result.error.message, tone: "error" });
      router.refresh();
    });

  return (
    <section aria-labelledby="integrations-heading" className="space-y-3">
      <div>
        <h2 id="integrations-heading" className="text-base font-semibold">
          Integrations
        </h2>
        <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          The services the jobs of {project.name} talk to. Credentials are encrypted at rest and never shown again.
          {!canManage && " Admins and owners of the team connect and change them."}
        </p>
      </div>
      <ul className="grid gap-3 lg:grid-cols-2">
        {integrations.map((integration) => {
          const status = statusOf(integration);
          return (
            <li key={integration.kind} aria-label={integration.label} className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="font-medium">{integration.label}</h3>
                  <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{integration.purpose}</p>
                </div>
                <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusStyles[status.style]}`}>{status.label}</span>
              </div>
              {integration.connected && <Settings integration={integration} />}
              {integration.checkedAt && (
                <p role={integration.status === "failed" ? "alert" : undefined} className={`mt-3 text-xs ${integration.status === "failed" ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
                  {integration.checkMessage} · tested <Time value={integration.checkedAt} />
                </p>
              )}
              {canManage && (
                <div className="mt-4 flex flex-wrap gap-2 pt-1">
                  {integration.connected ? (
                    <>
                      <Button size="sm" variant="secondary" onClick={() => test(integration.kind)} disabled={pending} aria-label={`Test connection to ${integration.label}`}>
                        {testing === integration.kind ? "Testing…" : "Test connection"}
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => setEditing(integration)} aria-label={`Edit ${integration.label} settings`}>
                        Edit
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => setDisconnecting(integration)} aria-label={`Disconnect ${integration.label}`}>
                        Disconnect
                      </Button>
                    </>
                  ) : (
                    <Button size="sm" onClick={() => setEditing(integration)} aria-label={`Connect ${integration.label}`}>
                      Connect
                    </Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>

      {editing && (
        <IntegrationFormDialog
          key={editing.kind}
          projectId={project.id}
          integration={editing}
          open
          onClose={() => setEditing(null)}
          onSaved={({ integration, pullAllRunId }) => {
            setEditing(null);
            if (pullAllRunId) toast({ title: "Pull All queued", description: `${integration.label} is connected; its first full pull is on its way.`, action: { label: "Watch it", href: `/projects/${project.slug}/runs/${pullAllRunId}` } });
            // New settings are tried at once, so the card says whether they work.
            test(integration.kind);
          }}
        />
      )}
      <ConfirmDialog
        open={disconnecting !== null}
        title={`Disconnect ${disconnecting?.label ?? ""}?`}
        confirmLabel="Disconnect"
        pending={pending}
        onConfirm={() => disconnecting && disconnect(disconnecting)}
        onClose={() => setDisconnecting(null)}
      >
        <p>Its credentials are deleted. Jobs that need it fail until it is connected again.</p>
      </ConfirmDialog>
    </section>
  );
}
