"use client";
// A project's data retention: how many days each event table keeps its rows, or the server's
// default when left blank. Admins change it; the server's field messages are shown on the fields.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { updateRetentionPolicyAction } from "@/app/projects/[projectId]/settings/actions";
import { Button } from "@/components/ui/button";
import { fieldErrors, FormError, inputClass } from "@/components/ui/form";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { RetentionPolicyView } from "@/lib/events/retention-policy";

type Table = keyof RetentionPolicyView;
const tables: Array<{ table: Table; label: string }> = [
  { table: "events", label: "Events" },
  { table: "metric_events", label: "Metric events" },
  { table: "funnel_events", label: "Funnel events" },
];

const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;
const valuesOf = (policy: RetentionPolicyView) => Object.fromEntries(tables.map(({ table }) => [table, policy[table].custom?.toString() ?? ""])) as Record<Table, string>;
// Blank is the server's default; anything else goes to the server as typed, which checks it.
const daysOf = (value: string) => (value.trim() === "" ? null : Number(value));

export function RetentionSection({ project, policy, canManage }: { project: { id: string; name: string }; policy: RetentionPolicyView; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const baseId = useId();
  const [values, setValues] = useState(() => valuesOf(policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateRetentionPolicyAction(project.id, { events: daysOf(values.events), metric_events: daysOf(values.metric_events), funnel_events: daysOf(values.funnel_events) });
      if (!result.ok) {
        setErrors(fieldErrors(result.error.issues));
        setFormError(result.error.issues ? null : result.error.message);
        return;
      }
      setErrors({});
      setFormError(null);
      setValues(valuesOf(result.data));
      toast({ title: "Retention saved" });
      router.refresh();
    });
  }

  return (
    <section aria-labelledby="retention-heading" className="space-y-3">
      <div>
        <h2 id="retention-heading" className="text-base font-semibold">
          Data retention
        </h2>
        <p className="mt-0.5 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          How long {project.name} keeps the events its apps send. Older ones are deleted once a day.
          {canManage ? " Leave a field blank for the server's default." : " Admins and owners of the team change it."}
        </p>
      </div>
      {canManage ? (
        <form onSubmit={submit} noValidate aria-labelledby="retention-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <fieldset disabled={!hydrated} className="grid gap-4 sm:grid-cols-3">
            {tables.map(({ table, label }) => {
              const id = `${baseId}-${table}`;
              const error = errors[table];
              return (
                <div key={table}>
                  <label htmlFor={id} className="block text-sm font-medium">
                    {label} (days)
                  </label>
                  <input
                    id={id}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={3650}
                    value={values[table]}
                    onChange={(event) => setValues((current) => ({ ...current, [table]: event.target.value }))}
                    placeholder={`default ${policy[table].defaultDays}`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${id}-note`}
                    className={inputClass}
                  />
                  <p id={`${id}-note`} className={error ? "mt-1 text-sm text-red-600 dark:text-red-400" : "mt-1 text-xs text-slate-500 dark:text-slate-400"}>
                    {error ?? `Blank: the server's default, ${days(policy[table].defaultDays)}`}
                  </p>
                </div>
              );
            })}
          </fieldset>
          <div className="mt-4 space-y-3">
            <FormError message={formError} />
            <Button type="submit" disabled={!hydrated || pending}>
              {pending ? "Saving…" : "Save retention"}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
          {tables.map(({ table, label }) => (
            <div key={table}>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
              <dd className="mt-0.5 text-sm">
                {days(policy[table].days)}
                {policy[table].custom === null && <span className="text-slate-500 dark:text-slate-400"> (server default)</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
