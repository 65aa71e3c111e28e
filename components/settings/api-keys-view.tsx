"use client";
// The API keys page: create a key (shown once, with a copy button and how to use it), the team's
// keys with their permissions, creator and last use, and revoking with a confirmation.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/teams/[teamId]/api-keys/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { CreateKeyForm, type CreatedKey } from "./create-key-form";
import { NewKeyPanel } from "./new-key-panel";

export interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface ApiKeysViewProps {
  team: { id: string; slug: string; name: string };
  keys: KeyRow[];
  serverUrl: string;
}

export function ApiKeysView({ team, keys, serverUrl }: ApiKeysViewProps) {
  const router = useRouter();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke(key: KeyRow) {
    startTransition(async () => {
      const result = await revokeApiKeyAction(team.id, { keyId: key.id });
      if (!result.ok) {
        setRevokeError(result.error.message);
        return;
      }
      setRevoking(null);
      setRevokeError(null);
      router.refresh();
    });
  }

  return (
    <div className="space-y-8">
      <header>
        <p className="text-sm text-slate-500 dark:text-slate-400">{team.name} · Team settings</p>
        <h1 className="text-xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          Keys let scripts, CI and agents use the REST API and the <code>taskdeck</code> CLI for every project of {team.name}. A run a key
          triggers with <em>notify</em> emails the person who created the key.
        </p>
      </header>

      <CreateKeyForm
        teamId={team.id}
        onCreated={(key) => {
          setCreated(key);
          router.refresh();
        }}
      />
      {created && (
        <NewKeyPanel
          created={created}
          usage={`export TASKDECK_URL=${serverUrl}\nexport TASKDECK_API_KEY=${created.key}\nnpx taskdeck jobs types --project <project>\ncurl -H "Authorization: Bearer $TASKDECK_API_KEY" $TASKDECK_URL/api/v1/projects`}
          onDismiss={() => setCreated(null)}
        />
      )}

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="text-base font-semibold">
          Keys of {team.name}
        </h2>
        {keys.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No API keys yet. Create one above to trigger jobs from scripts, CI or the CLI.
          </p>
        ) : (
          // A table from sm up; on a phone each key's row stacks into a card with its labels, so
          // Created by, Last used and Revoke are on screen, not off its right edge (issue 20).
          // The explicit roles keep it a table for screen readers while CSS changes its display.
          <div className="mt-3 rounded-lg border border-slate-200 bg-white sm:overflow-x-auto dark:border-slate-800 dark:bg-slate-900">
            <table role="table" className="block w-full text-left text-sm sm:table sm:min-w-[44rem]">
              <thead role="rowgroup" className="hidden border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 sm:table-header-group dark:border-slate-800 dark:text-slate-400">
                <tr role="row">
                  {columns.map((column) => (
                    <th key={column} role="columnheader" scope="col" className="px-4 py-2 font-medium">
                      {column === "Actions" ? <span className="sr-only">Actions</span> : column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup" className="block divide-y divide-slate-100 sm:table-row-group dark:divide-slate-800">
                {keys.map((key) => (
                  <tr key={key.id} role="row" className={`grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 px-4 py-3 sm:table-row sm:p-0 ${key.revokedAt ? "text-slate-500 dark:text-slate-400" : ""}`}>
                    <Cell label="Name" className="font-medium">
                      {key.name}
                    </Cell>
                    <Cell label="Key" className="font-mono text-xs">
                      {key.prefix}…
                    </Cell>
                    <Cell label="Permissions">
                      <div className="flex flex-wrap gap-1">
                        {key.permissions.map((permission) => (
                          <span key={permission} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                            {permission}
                          </span>
                        ))}
                      </div>
                    </Cell>
                    <Cell label="Created by">
                      {key.createdBy}
                      <div className="text-xs text-slate-600 dark:text-slate-400">
                        <Time value={key.createdAt} />
                      </div>
                    </Cell>
                    <Cell label="Last used">{key.lastUsedAt ? <Time value={key.lastUsedAt} /> : "Never"}</Cell>
                    <td role="cell" className="col-span-2 sm:px-4 sm:py-3 sm:text-right">
                      {key.revokedAt ? (
                        <span className="text-xs">
                          Revoked <Time value={key.revokedAt} />
                        </span>
                      ) : (
                        <Button variant="secondary" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke "${revoking?.name ?? ""}"?`}
        confirmLabel="Revoke key"
        pending={pending}
        onConfirm={() => revoking && revoke(revoking)}
        onClose={() => {
          setRevoking(null);
          setRevokeError(null);
        }}
      >
        <p>Scripts and agents using this key stop working at once. This cannot be undone.</p>
        {revokeError && (
          <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
            {revokeError}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

const columns = ["Name", "Key", "Permissions", "Created by", "Last used", "Actions"];

/** A key's cell: a table cell from sm up; on a phone a labelled line of the key's card. */
function Cell({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <td role="cell" className={`contents sm:table-cell sm:px-4 sm:py-3 ${className}`}>
      <span aria-hidden="true" className="text-xs text-slate-600 sm:hidden dark:text-slate-400">
        {label}
      </span>
      <span className="min-w-0">{children}</span>
    </td>
  );
}
