"use client";
// Adding someone to the team by the email of their account, with a role (owners and admins).
// Accounts are made by the server owner, so an unknown email is answered with the command to ask for.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { addMemberAction } from "@/app/teams/[teamId]/actions";
import { Button } from "@/components/ui/button";
import { FormError, fieldErrors, inputClass } from "@/components/ui/form";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import { roleLabels, type TeamRole } from "./role-labels";

export function AddMemberForm({ teamId, teamName, roles }: { teamId: string; teamName: string; roles: TeamRole[] }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const id = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await addMemberAction(teamId, { email, role });
      if (!result.ok) {
        const byField = fieldErrors(result.error.issues);
        setErrors(byField);
        // A field's issue is shown at the field; anything else (no such account, already a member) here.
        setMessage(Object.keys(byField).length > 0 ? null : result.error.message);
        return;
      }
      setErrors({});
      setMessage(null);
      setEmail("");
      toast({ title: `${email.trim().toLowerCase()} added to ${teamName} as ${roleLabels[result.data.role].toLowerCase()}` });
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add a member" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-950/40">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-email`} className="text-sm font-medium">
            Email of their account
          </label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
            placeholder="name@example.com"
            className={inputClass}
          />
        </div>
        <div className="sm:w-36">
          <label htmlFor={`${id}-role`} className="text-sm font-medium">
            Role
          </label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as TeamRole)} aria-invalid={errors.role ? true : undefined} className={inputClass}>
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {roleLabels[choice]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={!hydrated || pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
      {errors.email && (
        <p id={`${id}-email-error`} className="text-sm text-red-600 dark:text-red-400">
          {errors.email}
        </p>
      )}
      {errors.role && <p className="text-sm text-red-600 dark:text-red-400">{errors.role}</p>}
      <FormError message={message} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        They need an account first: the server owner creates one with <code className="font-mono">taskdeck admin users create</code>.
      </p>
    </form>
  );
}
