"use server";
// Server actions of the team page: restoring a project deleted within the last 7 days, and managing
// the members (admins and owners; the rules themselves are lib/accounts/members.ts, shared with
// the admin CLI). Next checks each action's Origin against the host; teamAction the session and role.
import { z } from "zod";
import { addMember, changeMemberRole, memberEmailSchema, removeMember, roleSchema } from "@/lib/accounts/members";
import { restoreProject } from "@/lib/accounts/soft-delete";
import { teamAction } from "@/lib/auth/action";
import { jobRoles } from "@/lib/auth/permissions";

export const restoreProjectAction = teamAction(jobRoles, z.object({ projectId: z.string({ error: "projectId is required" }).max(100) }).strict(), ({ team, input }) =>
  restoreProject(team.id, input.projectId),
);

const memberSchema = z.object({ email: memberEmailSchema }).strict();
const memberRoleSchema = z.object({ email: memberEmailSchema, role: roleSchema }).strict();

/** "Invite": adds an existing account by email; one already in the team is a conflict, not a role change. */
export const addMemberAction = teamAction(jobRoles, memberRoleSchema, ({ user, team, input }) =>
  addMember(team.id, input.email, input.role, { by: { kind: "member", userId: user.id }, existing: "refuse" }),
);

export const changeMemberRoleAction = teamAction(jobRoles, memberRoleSchema, ({ user, team, input }) => changeMemberRole(team.id, input.email, input.role, { kind: "member", userId: user.id }));

export const removeMemberAction = teamAction(jobRoles, memberSchema, async ({ user, team, input }) => {
  await removeMember(team.id, input.email, { kind: "member", userId: user.id });
  return { removed: input.email, self: input.email === user.email.toLowerCase() };
});
