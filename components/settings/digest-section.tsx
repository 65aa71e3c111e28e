"use client";
// A project's issue digest: how often the team is sent one summary of the issues that became new or
// regressed since the last one (hourly, daily, weekly or off). Admins change it; members read it.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { updateDigestCadenceAction } from "@/app/projects/[projectId]/settings/digest-actions";
import { Button } from "@/components/ui/button";
import { fieldErrors, FormError } from "@/components/ui/form";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { DigestSettingsView } from "@/lib/issues/digest-settings";

type Cadence = DigestSettingsView["cadence"];
const cadences: Record<Cadence, { label: string; note: string }> = {
  hourly: { label: "Hourly", note: "Every hour that has new or regressed issues" },
  daily: { label: "Daily", note: "Once a day, covering the last 24 hours" },
  weekly: { label: "Weekly", note: "Once a week, covering the last 7 days" },
  off: { label: "Off", note: "No digest; new production issues are still announced one by one" },
};

const selectClass =
  "mt-1 block w-full max-w-xs rounded-md border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-950";

export function DigestSection({ project, digest, canManage }: { project: { id: string; name: string }; digest: DigestSettingsView; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const id = useId();
  const [cadence, setCadence] = useState<Cadence>(digest.cadence);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateDigestCadenceAction(project.id, { cadence });
      if (!result.ok) {
        setError(fieldErrors(result.error.issues).cadence ?? null);
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setError(null);
      setFormError(null);
      setCadence(result.data.cadence);
      toast({ title: result.data.cadence === "off" ? "Issue digest turned off" : `Issue digest: ${cadences[result.data.cadence].label.toLowerCase()}` });
      router.refresh();
    });
  }

  const last = digest.lastDigestAt && (
    <>
      Last digest window ended <Time value={digest.lastDigestAt} />.
    </>
  );

  return (
    <section aria-labelledby="digest-heading" className="space-y-3">
      <div>
        <h2 id="digest-heading" className="text-base font-semibold">
          Issue digest
        </h2>
        <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          A summary of {project.name}&apos;s new and regressed production issues, emailed to the team members who get issue digests and sent to the webhooks that take them.
          Nothing is sent for a period with nothing new.
          {canManage ? "" : " Admins and owners of the team change it."}
        </p>
      </div>
      {canManage ? (
        <form onSubmit={submit} noValidate aria-labelledby="digest-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <label htmlFor={id} className="block text-sm font-medium">
            Send a digest
          </label>
          <select
            id={id}
            value={cadence}
            disabled={!hydrated}
            onChange={(event) => setCadence(event.target.value as Cadence)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-note`}
            className={selectClass}
          >
            {Object.entries(cadences).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <p id={`${id}-note`} className={error ? "mt-1 text-sm text-red-600 dark:text-red-400" : "mt-1 text-xs text-slate-500 dark:text-slate-400"}>
            {error ?? cadences[cadence].note}
          </p>
          <div className="mt-4 space-y-3">
            <FormError message={formError} />
            {last && <p className="text-xs text-slate-500 dark:text-slate-400">{last}</p>}
            <Button type="submit" disabled={!hydrated || pending || cadence === digest.cadence}>
              {pending ? "Saving…" : "Save digest"}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-xs text-slate-500 dark:text-slate-400">Digest</dt>
          <dd className="mt-0.5 text-sm">
            <span className="font-medium">{cadences[digest.cadence].label}</span>
            <span className="text-slate-500 dark:text-slate-400"> · {cadences[digest.cadence].note}</span>
          </dd>
          {last && <dd className="mt-2 text-xs text-slate-500 dark:text-slate-400">{last}</dd>}
        </dl>
      )}
    </section>
  );
}
