"use client";
// A project's ingest keys: what its apps send events with. Admins create them (shown once), revoke
// and delete them, and restore deleted ones within the grace period; every member sees the list.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteIngestKeyAction, restoreIngestKeyAction, revokeIngestKeyAction } from "@/app/projects/[projectId]/settings/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { CreateIngestKeyForm } from "./create-ingest-key-form";
import type { CreatedKey } from "./create-key-form";
import { IngestKeyTable, type IngestKeyRow } from "./ingest-key-table";
import { NewKeyPanel } from "./new-key-panel";

interface IngestKeysSectionProps {
  project: { id: string; name: string };
  keys: IngestKeyRow[];
  apps: Array<{ id: string; name: string }>;
  serverUrl: string;
  graceDays: number;
  canManage: boolean;
}

type Change = { kind: "revoke" | "delete"; key: IngestKeyRow };

const usageOf = (serverUrl: string, key: string) =>
  `curl -X POST ${serverUrl}/api/v1/ingest/events \\\n  -H "Authorization: Bearer ${key}" \\\n  -H "Content-Type: application/json" \\\n  -d '{"events":[{"kind":"event","name":"app_open","timestamp":"${new Date().toISOString()}"}]}'`;

export function IngestKeysSection({ project, keys, apps, serverUrl, graceDays, canManage }: IngestKeysSectionProps) {
  const router = useRouter();
  const toast = useToast();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [change, setChange] = useState<Change | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>, done: string, onError: (message: string) => void) =>
    startTransition(async () => {
      const result = await work();
      if (!result.ok) return onError(result.error.message);
      setChange(null);
      setChangeError(null);
      toast({ title: done });
      router.refresh();
    });

  const confirm = ({ kind, key }: Change) =>
    kind === "revoke"
      ? run(() => revokeIngestKeyAction(project.id, { keyId: key.id }), `${key.name} revoked`, setChangeError)
      : run(() => deleteIngestKeyAction(project.id, { keyId: key.id }), `${key.name} deleted`, setChangeError);

  const restore = (key: IngestKeyRow) =>
    run(() => restoreIngestKeyAction(project.id, { keyId: key.id }), `${key.name} restored`, (message) => toast({ title: "Not restored", description: message, tone: "error" }));

  return (
    <section aria-labelledby="ingest-keys-heading" className="space-y-3">
      <div>
        <h2 id="ingest-keys-heading" className="text-base font-semibold">
          Ingest keys
        </h2>
        <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          The apps of {project.name} send their events, metrics and funnel steps to <code className="text-xs">POST /api/v1/ingest/events</code> with{" "}
          <code className="text-xs">Authorization: Bearer &lt;ingest key&gt;</code>. An ingest key can only send events; it cannot read anything.
          {!canManage && " Admins and owners of the team create and revoke them."}
        </p>
      </div>
      {canManage && (
        <CreateIngestKeyForm
          projectId={project.id}
          apps={apps}
          onCreated={(key) => {
            setCreated(key);
            router.refresh();
          }}
        />
      )}
      {created && <NewKeyPanel created={created} usage={usageOf(serverUrl, created.key)} testId="new-ingest-key" onDismiss={() => setCreated(null)} />}
      <IngestKeyTable keys={keys} canManage={canManage} pending={pending} onRevoke={(key) => setChange({ kind: "revoke", key })} onDelete={(key) => setChange({ kind: "delete", key })} onRestore={restore} />

      <ConfirmDialog
        open={change !== null}
        title={`${change?.kind === "revoke" ? "Revoke" : "Delete"} "${change?.key.name ?? ""}"?`}
        confirmLabel={change?.kind === "revoke" ? "Revoke key" : "Delete key"}
        pending={pending}
        onConfirm={() => change && confirm(change)}
        onClose={() => {
          setChange(null);
          setChangeError(null);
        }}
      >
        <p>
          {change?.kind === "revoke"
            ? "Apps sending with this key are refused at once. A revoked key cannot be used again."
            : `It stops working at once. It can be restored here for ${graceDays} days; then it is removed for good.`}
        </p>
        {changeError && (
          <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
            {changeError}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
