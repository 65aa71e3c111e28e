"use client";
// What the signed-in member gets by email from this team: one switch per notification type their
// role may receive, saved as it is flipped.
import { useState, useTransition } from "react";
import { setEmailPreferenceAction } from "@/app/teams/[teamId]/notifications/actions";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { EmailPreferenceView } from "@/lib/notify/preferences";

export function EmailPreferences({ teamId, email, preferences }: { teamId: string; email: string; preferences: EmailPreferenceView[] }) {
  const toast = useToast();
  const [current, setCurrent] = useState(preferences);
  const [saving, setSaving] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const hydrated = useHydrated();

  const choose = (preference: EmailPreferenceView, wanted: boolean) => {
    setSaving(preference.type);
    setCurrent((list) => list.map((item) => (item.type === preference.type ? { ...item, email: wanted, byDefault: false } : item)));
    startTransition(async () => {
      const result = await setEmailPreferenceAction(teamId, { type: preference.type, email: wanted });
      setSaving(null);
      if (!result.ok) {
        setCurrent((list) => list.map((item) => (item.type === preference.type ? preference : item)));
        toast({ title: "Not saved", description: result.error.message, tone: "error" });
        return;
      }
      setCurrent(result.data);
      toast({ title: wanted ? `You will get “${preference.label}” emails` : `No more “${preference.label}” emails`, tone: "success" });
    });
  };

  return (
    <section aria-labelledby="email-heading" className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="email-heading" className="text-base font-semibold">
        Email me about
      </h2>
      <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
        Sent to <span className="font-medium text-slate-800 dark:text-slate-200">{email}</span>. Only you change these; runs you trigger with “Notify me when done” always email you.
      </p>
      <ul className="mt-4 divide-y divide-slate-100 dark:divide-slate-800">
        {current.map((preference) => (
          <li key={preference.type} className="flex items-start justify-between gap-4 py-3 first:pt-0 last:pb-0">
            <label htmlFor={`email-${preference.type}`} className="min-w-0 cursor-pointer">
              <span className="block text-sm font-medium">{preference.label}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{preference.description}</span>
            </label>
            <input
              id={`email-${preference.type}`}
              type="checkbox"
              role="switch"
              checked={preference.email}
              disabled={!hydrated || saving === preference.type}
              onChange={(event) => choose(preference, event.target.checked)}
              className="mt-1 size-5 shrink-0 cursor-pointer accent-indigo-600"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
