"use client";
// The ingest keys of a project as a table: name, prefix, app, created, last used and status, with
// Revoke and Delete for live keys and Restore for deleted ones (admins only).
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { IngestKeyView } from "@/lib/events/ingest-keys";

/** A key as listed: a deleted one with the moment it is removed for good. */
export type IngestKeyRow = IngestKeyView & { purgeAt: string | null };

interface IngestKeyTableProps {
  keys: IngestKeyRow[];
  canManage: boolean;
  pending: boolean;
  onRevoke: (key: IngestKeyRow) => void;
  onDelete: (key: IngestKeyRow) => void;
  onRestore: (key: IngestKeyRow) => void;
}

function Status({ ingestKey }: { ingestKey: IngestKeyRow }) {
  if (ingestKey.deletedAt && ingestKey.purgeAt)
    return (
      <span className="text-xs">
        Deleted — removed for good on <Time value={ingestKey.purgeAt} mode="datetime" />
      </span>
    );
  if (ingestKey.revokedAt)
    return (
      <span className="text-xs">
        Revoked <Time value={ingestKey.revokedAt} />
      </span>
    );
  return <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800">Active</span>;
}

export function IngestKeyTable({ keys, canManage, pending, onRevoke, onDelete, onRestore }: IngestKeyTableProps) {
  const hydrated = useHydrated();
  if (keys.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        No ingest keys yet.{canManage && " Create one above for each app that sends events."}
      </p>
    );
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full min-w-[48rem] text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:border-slate-800">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">Key</th>
            <th scope="col" className="px-4 py-2 font-medium">App</th>
            <th scope="col" className="px-4 py-2 font-medium">Created</th>
            <th scope="col" className="px-4 py-2 font-medium">Last used</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            {canManage && (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {keys.map((key) => (
            <tr key={key.id} className={key.revokedAt || key.deletedAt ? "text-slate-500 dark:text-slate-400" : undefined}>
              <td className="px-4 py-3 font-medium">{key.name}</td>
              <td className="px-4 py-3 font-mono text-xs">{key.prefix}…</td>
              <td className="px-4 py-3">{key.app ? key.app.name : <span className="text-slate-500 dark:text-slate-400">Any app</span>}</td>
              <td className="px-4 py-3">
                <Time value={key.createdAt} />
                {key.createdBy && <div className="text-xs text-slate-500 dark:text-slate-400">{key.createdBy}</div>}
              </td>
              <td className="px-4 py-3">{key.lastUsedAt ? <Time value={key.lastUsedAt} /> : "Never"}</td>
              <td className="px-4 py-3">
                <Status ingestKey={key} />
              </td>
              {canManage && (
                <td className="px-4 py-3">
                  <div className="flex justify-end gap-2">
                    {key.deletedAt ? (
                      <Button size="sm" variant="secondary" disabled={!hydrated || pending} onClick={() => onRestore(key)} aria-label={`Restore ${key.name}`}>
                        Restore
                      </Button>
                    ) : (
                      <>
                        {!key.revokedAt && (
                          <Button size="sm" variant="secondary" disabled={!hydrated} onClick={() => onRevoke(key)} aria-label={`Revoke ${key.name}`}>
                            Revoke
                          </Button>
                        )}
                        <Button size="sm" variant="secondary" disabled={!hydrated} onClick={() => onDelete(key)} aria-label={`Delete ${key.name}`}>
                          Delete
                        </Button>
                      </>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
