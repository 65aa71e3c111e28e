"use client";
// "Create an ingest key": a name and, optionally, the one app of the project whose events it sends.
// The server's field messages are shown inline.
import { useId, useState, useTransition } from "react";
import { createIngestKeyAction } from "@/app/projects/[projectId]/settings/actions";
import { Button } from "@/components/ui/button";
import { fieldErrors, FormError, inputClass } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { CreatedKey } from "./create-key-form";

interface CreateIngestKeyFormProps {
  projectId: string;
  apps: Array<{ id: string; name: string }>;
  onCreated: (key: CreatedKey) => void;
}

export function CreateIngestKeyForm({ projectId, apps, onCreated }: CreateIngestKeyFormProps) {
  const headingId = useId();
  const nameId = useId();
  const appId = useId();
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [app, setApp] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createIngestKeyAction(projectId, { name, appId: app || null });
      if (!result.ok) {
        setErrors(fieldErrors(result.error.issues));
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setErrors({});
      setFormError(null);
      setName("");
      setApp("");
      onCreated(result.data);
    });
  }

  const described = (field: string, id: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {});
  const error = (field: string, id: string) =>
    errors[field] && (
      <p id={`${id}-error`} className="mt-1 text-sm text-red-600 dark:text-red-400">
        {errors[field]}
      </p>
    );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h3 id={headingId} className="font-medium">
        Create an ingest key
      </h3>
      {/* Nothing typed before the page has hydrated could be sent. */}
      <fieldset disabled={!hydrated} className="mt-3 grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={nameId} className="block text-sm font-medium">
            Name
          </label>
          <input id={nameId} value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. iOS app, production" maxLength={100} className={inputClass} {...described("name", nameId)} />
          {error("name", nameId)}
        </div>
        <div>
          <label htmlFor={appId} className="block text-sm font-medium">
            App
          </label>
          <select id={appId} value={app} onChange={(event) => setApp(event.target.value)} className={inputClass} {...described("appId", appId)}>
            <option value="">Any app of the project</option>
            {apps.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
          {error("appId", appId) || <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">A key for one app files every event it sends under that app.</p>}
        </div>
      </fieldset>
      <div className="mt-4 space-y-3">
        <FormError message={formError} />
        <Button type="submit" disabled={!hydrated || pending}>
          {pending ? "Creating…" : "Create ingest key"}
        </Button>
      </div>
    </form>
  );
}
