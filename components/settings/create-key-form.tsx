"use client";
// "Create API key": a name and the permissions (both by default), validated by the same schema on
// the server, whose field messages are shown inline.
import { useId, useState, useTransition } from "react";
import { createApiKeyAction } from "@/app/teams/[teamId]/api-keys/actions";
import { Button } from "@/components/ui/button";
import { FormError, fieldErrors } from "@/components/ui/form";
import { permissionLabel, permissions, type Permission } from "@/lib/auth/permissions";

export interface CreatedKey {
  key: string;
  name: string;
  prefix: string;
}

export function CreateKeyForm({ teamId, onCreated }: { teamId: string; onCreated: (key: CreatedKey) => void }) {
  const nameId = useId();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Permission[]>([...permissions]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createApiKeyAction(teamId, { name, permissions: chosen });
      if (!result.ok) {
        setErrors(fieldErrors(result.error.issues));
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setErrors({});
      setFormError(null);
      setName("");
      setChosen([...permissions]);
      onCreated(result.data);
    });
  }

  const toggle = (permission: Permission, on: boolean) =>
    setChosen((current) => (on ? permissions.filter((p) => p === permission || current.includes(p)) : current.filter((p) => p !== permission)));

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-key-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="create-key-heading" className="text-base font-semibold">
        Create an API key
      </h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
        <div>
          <label htmlFor={nameId} className="block text-sm font-medium">
            Name
          </label>
          <input
            id={nameId}
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. CI deploys"
            maxLength={100}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${nameId}-error` : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
          />
          {errors.name && (
            <p id={`${nameId}-error`} className="mt-1 text-sm text-red-600 dark:text-red-400">
              {errors.name}
            </p>
          )}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Permissions</legend>
          <div className="mt-1 space-y-1">
            {permissions.map((permission) => (
              <label key={permission} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={chosen.includes(permission)} onChange={(event) => toggle(permission, event.target.checked)} className="size-4 rounded border-slate-300" />
                <span className="font-mono text-xs">{permission}</span>
                <span className="text-slate-500 dark:text-slate-400">{permissionLabel(permission)}</span>
              </label>
            ))}
          </div>
          {errors.permissions && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{errors.permissions}</p>}
        </fieldset>
      </div>
      <FormError message={formError} />
      <div className="mt-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}
