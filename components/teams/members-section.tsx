"use client";
// The team's members: name, email, role and when they joined. Owners and admins add members,
// change roles and remove (with a confirmation); everyone else reads the list. Which controls a
// row offers comes from the server (lib/accounts/members.ts), which checks again on every action.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeMemberRoleAction, removeMemberAction } from "@/app/teams/[teamId]/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import { AddMemberForm } from "./add-member-form";
import { roleLabels, type TeamRole } from "./role-labels";

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: TeamRole;
  joinedAt: string;
  /** The roles the viewer may give this member; empty when the viewer cannot change them. */
  roleChoices: TeamRole[];
  removable: boolean;
  isYou: boolean;
}

interface MembersSectionProps {
  team: { id: string; slug: string; name: string };
  members: MemberRow[];
  /** The roles the viewer may give a new member; empty for plain members, who only read. */
  grantable: TeamRole[];
}

const roleBadge: Record<TeamRole, string> = {
  owner: "bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-900",
  admin: "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-950/60 dark:text-sky-300 dark:ring-sky-900",
  member: "bg-slate-50 text-slate-700 ring-slate-200 dark:bg-slate-800/60 dark:text-slate-300 dark:ring-slate-700",
};

export function MembersSection({ team, members, grantable }: MembersSectionProps) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  // The role being saved, shown in the select at once; the list's own value returns on a refusal.
  const [saving, setSaving] = useState<{ email: string; role: TeamRole } | null>(null);

  const changeRole = (member: MemberRow, role: TeamRole) => {
    setSaving({ email: member.email, role });
    startTransition(async () => {
      const result = await changeMemberRoleAction(team.id, { email: member.email, role });
      setSaving(null);
      if (!result.ok) return toast({ title: `${member.email} keeps the ${roleLabels[member.role].toLowerCase()} role`, description: result.error.message, tone: "error" });
      toast({ title: `${member.email} is now ${roleLabels[result.data.role].toLowerCase()}` });
      router.refresh();
    });
  };

  const remove = (member: MemberRow) =>
    startTransition(async () => {
      const result = await removeMemberAction(team.id, { email: member.email });
      if (!result.ok) return setRemoveError(result.error.message);
      setRemoving(null);
      setRemoveError(null);
      toast({ title: `${member.email} removed from ${team.name}` });
      // Someone who removed themselves can no longer open the team.
      if (result.data.self) router.push("/");
      else router.refresh();
    });

  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <div>
        <h2 id="members-heading" className="text-base font-semibold">
          Members <span className="font-normal text-slate-500 dark:text-slate-400">({members.length})</span>
        </h2>
        <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
          {grantable.length > 0
            ? "Owners and admins run jobs and manage members; only owners make or change owners. A team always keeps an owner (or, without owners, an admin)."
            : "Owners and admins of the team manage its members."}
        </p>
      </div>
      {grantable.length > 0 && <AddMemberForm teamId={team.id} teamName={team.name} roles={grantable} />}
      <ul aria-label={`Members of ${team.name}`} className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {members.map((member) => {
          const shownRole = saving?.email === member.email ? saving.role : member.role;
          return (
            <li key={member.userId} aria-label={member.name ?? member.email} data-member-email={member.email} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
              <div className="min-w-0 flex-1 basis-56">
                <p className="truncate font-medium">
                  {member.name ?? member.email}
                  {member.isYou && <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
                </p>
                <p className="truncate text-sm text-slate-600 dark:text-slate-400">{member.email}</p>
              </div>
              <div className="flex flex-1 basis-64 flex-wrap items-center justify-between gap-x-4 gap-y-2 sm:flex-none sm:justify-end">
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  Joined <Time value={member.joinedAt} />
                </p>
                <div className="flex items-center gap-2">
                  {member.roleChoices.length > 0 ? (
                    <select
                      aria-label={`Role of ${member.email}`}
                      value={shownRole}
                      disabled={!hydrated || pending}
                      onChange={(event) => changeRole(member, event.target.value as TeamRole)}
                      className="rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:opacity-60 dark:border-slate-700 dark:bg-slate-950"
                    >
                      {member.roleChoices.map((choice) => (
                        <option key={choice} value={choice}>
                          {roleLabels[choice]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${roleBadge[member.role]}`}>{roleLabels[member.role]}</span>
                  )}
                  {member.removable && (
                    <Button size="sm" variant="secondary" disabled={!hydrated || pending} onClick={() => setRemoving(member)} aria-label={`Remove ${member.email}`}>
                      Remove
                    </Button>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>

      <ConfirmDialog
        open={removing !== null}
        title={removing?.isYou ? `Leave ${team.name}?` : `Remove ${removing?.name ?? removing?.email ?? ""} from ${team.name}?`}
        confirmLabel={removing?.isYou ? "Leave team" : "Remove member"}
        pending={pending}
        onConfirm={() => removing && remove(removing)}
        onClose={() => {
          setRemoving(null);
          setRemoveError(null);
        }}
      >
        <p>
          {removing?.isYou
            ? `You lose access to ${team.name} and its projects at once.`
            : `${removing?.email ?? ""} loses access to ${team.name} and its projects at once. Their account and the runs they started stay; you can add them again.`}
        </p>
        {removeError && (
          <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
            {removeError}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
