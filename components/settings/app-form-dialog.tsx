"use client";
// Add or edit an app: name, platform, bundle id and (Apple only) App Store id, checked in the
// browser with the server's own schema, the server's answers (a taken bundle id) shown inline.
import { useId, useState, useTransition } from "react";
import { createAppAction, updateAppAction } from "@/app/projects/[projectId]/settings/actions";
import { Dialog } from "@/components/ui/dialog";
import { fieldErrors, FormError, FormFooter, inputClass } from "@/components/ui/form";
import type { AppView } from "@/lib/apps/apps";
import { appInputSchema, appPlatforms, platformLabels, type AppPlatform } from "@/lib/apps/schemas";

interface Values {
  name: string;
  platform: AppPlatform;
  bundleId: string;
  appleAppStoreId: string;
}


function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : (
        hint && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>
      )}
    </div>
  );
}

interface AppFormDialogProps {
  projectId: string;
  /** The app being edited; absent to add one. */
  app?: AppView;
  open: boolean;
  onClose: () => void;
  onSaved: (app: AppView) => void;
}

export function AppFormDialog({ projectId, app, open, onClose, onSaved }: AppFormDialogProps) {
  const ids = { name: useId(), platform: useId(), bundleId: useId(), appleAppStoreId: useId() };
  const formId = useId();
  const initial: Values = { name: app?.name ?? "", platform: app?.platform ?? "apple", bundleId: app?.bundleId ?? "", appleAppStoreId: app?.appleAppStoreId ?? "" };
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (field: keyof Values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((current) => ({ ...current, [field]: event.target.value }));
  const described = (field: keyof Values) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${ids[field]}-error` } : {});

  const close = () => {
    setErrors({});
    setFormError(null);
    onClose();
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    // Only Apple apps have an App Store id: a value typed before switching platform is not sent.
    const input = { ...values, appleAppStoreId: values.platform === "apple" ? values.appleAppStoreId : "" };
    const checked = appInputSchema.safeParse(input);
    if (!checked.success) {
      setErrors(Object.fromEntries(checked.error.issues.map((issue) => [String(issue.path[0] ?? ""), issue.message])));
      return;
    }
    startTransition(async () => {
      const result = app ? await updateAppAction(projectId, { appId: app.id, app: input }) : await createAppAction(projectId, input);
      if (!result.ok) {
        // Issues name fields as "app.bundleId" for an edit and "bundleId" for a new app.
        setErrors(fieldErrors(result.error.issues, "app"));
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setErrors({});
      setFormError(null);
      if (!app) setValues(initial);
      onSaved(result.data);
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      size="md"
      title={app ? `Edit ${app.name}` : "Add an app"}
      description="Store jobs look apps up by these ids: the bundle id (or Android package name) and, for Apple apps, the App Store id."
      footer={<FormFooter formId={formId} pending={pending} label={app ? "Save changes" : "Add app"} onCancel={close} />}
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        <Field id={ids.name} label="Name" error={errors.name}>
          <input id={ids.name} value={values.name} onChange={set("name")} maxLength={100} placeholder="e.g. Demo App for iOS" className={inputClass} {...described("name")} />
        </Field>
        <Field id={ids.platform} label="Platform" error={errors.platform}>
          <select id={ids.platform} value={values.platform} onChange={set("platform")} className={inputClass} {...described("platform")}>
            {appPlatforms.map((platform) => (
              <option key={platform} value={platform}>
                {platformLabels[platform]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.bundleId} label={values.platform === "android" ? "Package name" : "Bundle id"} hint="Optional. Reverse-DNS, e.g. com.example.app" error={errors.bundleId}>
          <input id={ids.bundleId} value={values.bundleId} onChange={set("bundleId")} maxLength={155} placeholder="com.example.app" spellCheck={false} autoCapitalize="none" className={`${inputClass} font-mono`} {...described("bundleId")} />
        </Field>
        {values.platform === "apple" && (
          <Field id={ids.appleAppStoreId} label="App Store id" hint="Optional. The number in the app's App Store address (…/id1234567890)." error={errors.appleAppStoreId}>
            <input id={ids.appleAppStoreId} value={values.appleAppStoreId} onChange={set("appleAppStoreId")} inputMode="numeric" maxLength={12} placeholder="1234567890" className={`${inputClass} font-mono`} {...described("appleAppStoreId")} />
          </Field>
        )}
        <FormError message={formError} />
      </form>
    </Dialog>
  );
}
