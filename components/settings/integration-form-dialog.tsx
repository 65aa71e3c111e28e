"use client";
// Connect or edit one integration: its fields from the registry (lib/integrations/kinds.ts), checked
// in the browser with the server's own schemas. Secrets are never shown again: when editing, a blank
// secret keeps the stored one. Key files (.p8, .pem) can be picked instead of pasted.
import { useId, useState, useTransition } from "react";
import { saveIntegrationAction } from "@/app/projects/[projectId]/settings/actions";
import { Dialog } from "@/components/ui/dialog";
import { fieldErrors, FormError, FormFooter, inputClass } from "@/components/ui/form";
import type { IntegrationView } from "@/lib/integrations/store";
import { integrationDefinitions, type IntegrationField } from "@/lib/integrations/kinds";


export interface SavedIntegration {
  integration: IntegrationView;
  pullAllRunId: string | null;
}

interface IntegrationFormDialogProps {
  projectId: string;
  integration: IntegrationView;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: SavedIntegration) => void;
}

export function IntegrationFormDialog({ projectId, integration, open, onClose, onSaved }: IntegrationFormDialogProps) {
  const definition = integrationDefinitions[integration.kind];
  const formId = useId();
  const baseId = useId();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(definition.fields.map((field) => [field.name, field.secret ? "" : String(integration.config[field.name] ?? "")])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editing = integration.connected;

  const close = () => {
    setErrors({});
    setFormError(null);
    onClose();
  };

  function check(): Record<string, string> {
    const secretNames = new Set(definition.fields.filter((field) => field.secret).map((field) => field.name));
    const config = definition.config.safeParse(Object.fromEntries(Object.entries(values).filter(([name]) => !secretNames.has(name))));
    const typed = Object.fromEntries(Object.entries(values).filter(([name, value]) => secretNames.has(name) && value.trim() !== ""));
    // A stored secret stands in for a blank one; the server checks the result again.
    const secrets = editing ? definition.secrets.partial().safeParse(typed) : definition.secrets.safeParse(typed);
    const issues = [...(config.success ? [] : config.error.issues), ...(secrets.success ? [] : secrets.error.issues)];
    return Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? ""), issue.message]));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    startTransition(async () => {
      const result = await saveIntegrationAction(projectId, { kind: integration.kind, settings: values });
      if (!result.ok) {
        setErrors(fieldErrors(result.error.issues, "settings"));
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setErrors({});
      setFormError(null);
      onSaved(result.data);
    });
  }

  // The file is read in the browser into the field; it is sent like a pasted key.
  const readFile = (field: IntegrationField) => async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    const text = (await file.text()).trim();
    setValues((current) => ({ ...current, [field.name]: text }));
    input.value = "";
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      size="md"
      title={editing ? `${definition.label} settings` : `Connect ${definition.label}`}
      description={definition.purpose}
      footer={<FormFooter formId={formId} pending={pending} label={editing ? "Save and test" : "Connect and test"} onCancel={close} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        {definition.fields.map((field) => {
          const id = `${baseId}-${field.name}`;
          const error = errors[field.name];
          const help = field.secret && editing ? `Stored (${integration.secretHint}). Leave blank to keep it.` : field.help;
          const common = {
            id,
            value: values[field.name] ?? "",
            onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((current) => ({ ...current, [field.name]: event.target.value })),
            placeholder: field.placeholder,
            spellCheck: false,
            autoComplete: "off",
            "aria-invalid": error ? true : undefined,
            "aria-describedby": error || help ? `${id}-note` : undefined,
            className: `${inputClass} ${field.secret || field.multiline ? "font-mono" : ""}`,
          };
          return (
            <div key={field.name}>
              <label htmlFor={id} className="block text-sm font-medium">
                {field.label}
                {field.optional && <span className="font-normal text-slate-500 dark:text-slate-400"> (optional)</span>}
              </label>
              {field.multiline ? <textarea rows={4} {...common} className={`${common.className} text-xs`} /> : <input type={field.secret ? "password" : "text"} {...common} />}
              {field.file && (
                <label className="mt-1 inline-flex cursor-pointer items-center gap-1 text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  Or choose the key file
                  <input type="file" accept={field.file} onChange={readFile(field)} className="sr-only" />
                </label>
              )}
              {(error || help) && (
                <p id={`${id}-note`} className={`mt-1 text-xs ${error ? "text-sm text-red-600 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
                  {error ?? help}
                </p>
              )}
            </div>
          );
        })}
        <FormError message={formError} />
      </form>
    </Dialog>
  );
}
