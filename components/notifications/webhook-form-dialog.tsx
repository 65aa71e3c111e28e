"use client";
// Add or edit a webhook: its address, a description, and the notification types it receives,
// checked in the browser with the server's own schema. A new webhook's secret is shown once, by the
// page that opened this.
import { useId, useState, useTransition } from "react";
import { createWebhookAction, updateWebhookAction } from "@/app/teams/[teamId]/notifications/actions";
import { Dialog } from "@/components/ui/dialog";
import { fieldErrors, FormError, FormFooter, inputClass } from "@/components/ui/form";
import { webhookInputSchema } from "@/lib/notify/schemas";
import { notificationTypes, routableTypes } from "@/lib/notify/types";
import type { WebhookView } from "@/lib/notify/webhooks";


interface WebhookFormDialogProps {
  teamId: string;
  /** The webhook being edited; none to add one. */
  webhook?: WebhookView;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: { webhook: WebhookView; secret?: string }) => void;
}

export function WebhookFormDialog({ teamId, webhook, open, onClose, onSaved }: WebhookFormDialogProps) {
  const formId = useId();
  const baseId = useId();
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [description, setDescription] = useState(webhook?.description ?? "");
  const [types, setTypes] = useState<string[]>(webhook?.types ?? [...routableTypes]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { url, description, types };
    const checked = webhookInputSchema.safeParse(input);
    if (!checked.success) {
      setErrors(Object.fromEntries(checked.error.issues.map((issue) => [String(issue.path[0] ?? ""), issue.message])));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = webhook ? await updateWebhookAction(teamId, { webhookId: webhook.id, changes: input }) : await createWebhookAction(teamId, input);
      if (!result.ok) {
        setErrors(fieldErrors(result.error.issues, "changes"));
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setFormError(null);
      onSaved("secret" in result.data ? result.data : { webhook: result.data });
    });
  }

  const field = (name: string) => ({
    id: `${baseId}-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${baseId}-${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] && (
      <p id={`${baseId}-${name}-error`} className="mt-1 text-sm text-red-600 dark:text-red-400">
        {errors[name]}
      </p>
    );

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="md"
      title={webhook ? "Edit webhook" : "Add a webhook"}
      description="Taskdeck POSTs each notification it receives as signed JSON, retrying for a day while the receiver fails."
      footer={<FormFooter formId={formId} pending={pending} label={webhook ? "Save" : "Add webhook"} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        <div>
          <label htmlFor={`${baseId}-url`} className="block text-sm font-medium">
            Payload URL
          </label>
          <input type="url" {...field("url")} value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://example.com/hooks/taskdeck" spellCheck={false} autoComplete="off" className={`${inputClass} font-mono`} />
          {error("url")}
        </div>
        <div>
          <label htmlFor={`${baseId}-description`} className="block text-sm font-medium">
            Description <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <input type="text" {...field("description")} value={description} onChange={(event) => setDescription(event.target.value)} placeholder="On-call relay" className={inputClass} />
          {error("description")}
        </div>
        <fieldset aria-describedby={errors.types ? `${baseId}-types-error` : undefined}>
          <legend className="text-sm font-medium">Notifications it receives</legend>
          <div className="mt-2 space-y-2">
            {routableTypes.map((type) => (
              <label key={type} className="flex items-start gap-2.5 rounded-md border border-slate-200 p-2.5 dark:border-slate-800">
                <input
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={(event) => setTypes((current) => (event.target.checked ? [...current, type] : current.filter((candidate) => candidate !== type)))}
                  className="mt-0.5 size-4 accent-indigo-600"
                />
                <span className="min-w-0">
                  <span className="block font-medium">
                    {notificationTypes[type].label} <code className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">{type}</code>
                  </span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{notificationTypes[type].description}</span>
                </span>
              </label>
            ))}
          </div>
          {error("types")}
        </fieldset>
        <FormError message={formError} />
      </form>
    </Dialog>
  );
}
