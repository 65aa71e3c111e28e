"use client";
// A project's AI locales: the App Store Connect locales Generate Metadata Translations translates
// the version being prepared into when a run names none. Admins change them; members read them.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateAiLocalesAction } from "@/app/projects/[projectId]/settings/ai-locales-actions";
import { Button } from "@/components/ui/button";
import { fieldErrors, FormError } from "@/components/ui/form";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AiLocalesView } from "@/lib/translations/locales-settings";

const names = new Intl.DisplayNames(["en"], { type: "language" });
const localeName = (code: string) => {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
};

export function AiLocalesSection({ project, settings, canManage }: { project: { id: string; name: string }; settings: AiLocalesView; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<string[]>(settings.locales);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const changed = chosen.length !== settings.locales.length || chosen.some((code) => !settings.locales.includes(code));

  function toggle(code: string) {
    setChosen((current) => (current.includes(code) ? current.filter((other) => other !== code) : [...current, code]));
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateAiLocalesAction(project.id, { locales: chosen });
      if (!result.ok) {
        const issues = fieldErrors(result.error.issues);
        setError(Object.values(issues)[0] ?? result.error.message);
        return;
      }
      setError(null);
      setChosen(result.data.locales);
      toast({ title: result.data.locales.length ? `AI locales: ${result.data.locales.join(", ")}` : "No AI locales" });
      router.refresh();
    });
  }

  return (
    <section aria-labelledby="ai-locales-heading" className="space-y-3">
      <div>
        <h2 id="ai-locales-heading" className="text-base font-semibold">
          AI locales
        </h2>
        <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          The App Store locales Generate Metadata Translations translates {project.name}&apos;s metadata into through the project&apos;s AI provider, when a run names none.
          {canManage ? "" : " Admins and owners of the team change them."}
        </p>
      </div>
      {canManage ? (
        <form onSubmit={submit} noValidate aria-labelledby="ai-locales-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <fieldset>
            <legend className="text-sm font-medium">Translate into</legend>
            <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-4">
              {settings.available.map((code) => (
                <label key={code} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={chosen.includes(code)} disabled={!hydrated} onChange={() => toggle(code)} className="rounded border-slate-300 dark:border-slate-700" />
                  <span>
                    {localeName(code)} <span className="text-xs text-slate-500 dark:text-slate-400">{code}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-4 space-y-3">
            <FormError message={error} />
            <Button type="submit" disabled={!hydrated || pending || !changed}>
              {pending ? "Saving…" : "Save AI locales"}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-xs text-slate-500 dark:text-slate-400">Translate into</dt>
          <dd className="mt-0.5 text-sm">{settings.locales.length ? settings.locales.map((code) => `${localeName(code)} (${code})`).join(", ") : "No locales chosen"}</dd>
        </dl>
      )}
    </section>
  );
}
