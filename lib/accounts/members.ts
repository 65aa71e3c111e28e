// Who belongs to a team and with which role (PRODUCT.md "Access": owner, admin, member), and the
// rules for changing that. The server owner's admin CLI (`taskdeck admin members …`) and the team
// page's actions both call these functions, so the rules hold in one place:
// - a team keeps someone who manages it: its last owner cannot be removed or given another role,
//   nor can the last admin of a team without owners;
// - on the team page only owners and admins manage members, and an admin can neither make an
//   owner nor change or remove one (an admin must not be able to take the team over);
// - the server owner (the CLI) may do everything else.
// "Invite" adds an account that already exists: accounts are made by the server owner
// (`taskdeck admin users create`), never from the dashboard, which has no way to hand out passwords.
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { teamRoles } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/prisma";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import { findTeam } from "./teams";

export const roleSchema = z.enum(teamRoles, { error: `role must be one of ${teamRoles.join(", ")}` });
export const memberEmailSchema = z.email("email must be an email address").max(320).transform((email) => email.toLowerCase());

/** Who changes the members: the server owner (admin CLI), or a member of the team (their role is read under the lock). */
export type MemberManager = { kind: "server_owner" } | { kind: "member"; userId: string };
export const serverOwner: MemberManager = { kind: "server_owner" };

/** The manager's standing: the server owner, or their role in the team. */
export type ManagerRole = Role | "server_owner";

/** The roles this manager may give; none for plain members. */
export function rolesGrantableBy(manager: ManagerRole): Role[] {
  if (manager === "server_owner" || manager === "owner") return [...teamRoles];
  return manager === "admin" ? ["admin", "member"] : [];
}

/** Whether this manager may change or remove a member who has `role` (before the team-keeps-a-manager rule). */
export function mayManageMember(manager: ManagerRole, role: Role): boolean {
  if (manager === "server_owner" || manager === "owner") return true;
  return manager === "admin" && role !== "owner";
}

export interface TeamMember {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

/** A team's members: owners first, then admins, then members, each by email. */
export async function listMembers(teamSlugOrId: string): Promise<TeamMember[]> {
  const team = await findTeam(teamSlugOrId);
  const rows = await prisma.membership.findMany({
    where: { teamId: team.id },
    orderBy: [{ role: "asc" }, { user: { email: "asc" } }],
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  return rows.map((row) => ({ userId: row.user.id, email: row.user.email, name: row.user.name, role: row.role, joinedAt: row.createdAt }));
}

/**
 * Adds the account with this email to the team with the role. A member already there: with
 * `existing: "change-role"` (the CLI's `members add`) their role changes, under the same rules as
 * changeMemberRole; with "refuse" (the team page's invite) it is a conflict and nothing changes.
 */
export async function addMember(
  teamSlugOrId: string,
  email: string,
  role: string,
  options: { by?: MemberManager; existing?: "change-role" | "refuse" } = {},
): Promise<{ changed: "added" | "updated"; role: Role }> {
  const by = options.by ?? serverOwner;
  const input = parseInput({ email, role });
  const team = await findTeam(teamSlugOrId);
  return inTeamLock(team.id, async (tx) => {
    const manager = await standingOf(tx, team, by);
    assertMayGrant(manager, input.role);
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
    // The way to get an account is the server owner's command; saying so is the useful answer.
    if (!user) throw new AppError("not_found", `No account with email ${input.email}: the server owner creates it with \`taskdeck admin users create --email ${input.email}\``);
    const current = await tx.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } }, select: { role: true } });
    if (current && options.existing === "refuse") throw new AppError("conflict", `${user.email} is already a member of ${team.name} (${current.role}); change their role in the list`);
    if (current) {
      await assertRoleChange(tx, team, { email: user.email, role: current.role }, input.role, manager);
      await tx.membership.update({ where: { teamId_userId: { teamId: team.id, userId: user.id } }, data: { role: input.role } });
      return { changed: "updated", role: input.role };
    }
    await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: input.role } });
    return { changed: "added", role: input.role };
  });
}

/** Gives a member of the team another role. */
export async function changeMemberRole(teamSlugOrId: string, email: string, role: string, by: MemberManager = serverOwner): Promise<{ role: Role }> {
  const input = parseInput({ email, role });
  const team = await findTeam(teamSlugOrId);
  return inTeamLock(team.id, async (tx) => {
    const manager = await standingOf(tx, team, by);
    assertMayGrant(manager, input.role);
    const member = await memberOf(tx, team, input.email);
    await assertRoleChange(tx, team, member, input.role, manager);
    await tx.membership.update({ where: { id: member.membershipId }, data: { role: input.role } });
    return { role: input.role };
  });
}

/** Removes a member from the team (their account stays, as do the runs they started). */
export async function removeMember(teamSlugOrId: string, email: string, by: MemberManager = serverOwner): Promise<void> {
  const input = parseInput({ email });
  const team = await findTeam(teamSlugOrId);
  await inTeamLock(team.id, async (tx) => {
    const manager = await standingOf(tx, team, by);
    if (rolesGrantableBy(manager).length === 0) throw notAManager();
    const member = await memberOf(tx, team, input.email);
    await assertRoleChange(tx, team, member, null, manager);
    await tx.membership.delete({ where: { id: member.membershipId } });
  });
}

type Tx = Prisma.TransactionClient;
type TeamRef = { id: string; slug: string; name: string };

const inputSchema = z.object({ email: memberEmailSchema, role: roleSchema.optional() });

function parseInput(input: { email: string; role: string }): { email: string; role: Role };
function parseInput(input: { email: string }): { email: string };
function parseInput(input: { email: string; role?: string }) {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Please correct the highlighted fields", parsed.error);
  return parsed.data;
}

/**
 * The work under a lock on the team's row: two changes at once (two owners demoting each other)
 * take turns, so each counts the owners the other left and the team cannot end with none.
 */
function inTeamLock<T>(teamId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM teams WHERE id = ${teamId}::uuid FOR UPDATE`;
    return work(tx);
  });
}

async function memberOf(tx: Tx, team: TeamRef, email: string) {
  const membership = await tx.membership.findFirst({ where: { teamId: team.id, user: { email } }, select: { id: true, role: true, user: { select: { email: true } } } });
  if (!membership) throw new AppError("not_found", `${email} is not a member of ${team.name}`);
  return { membershipId: membership.id, email: membership.user.email, role: membership.role };
}

/** The manager's role as it is now, under the lock: a role taken away a moment ago counts. */
async function standingOf(tx: Tx, team: TeamRef, by: MemberManager): Promise<ManagerRole> {
  if (by.kind === "server_owner") return "server_owner";
  const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: by.userId } }, select: { role: true } });
  if (!membership) throw new AppError("not_found", `No team "${team.slug}"`);
  return membership.role;
}

const notAManager = () => new AppError("forbidden", "Only owners and admins manage the team's members");

function assertMayGrant(manager: ManagerRole, role: Role) {
  if (rolesGrantableBy(manager).length === 0) throw notAManager();
  if (!rolesGrantableBy(manager).includes(role)) throw new AppError("forbidden", "Only an owner can make someone an owner");
}

/** The rules for taking `member` from their role to `next` (null: removing them). */
async function assertRoleChange(tx: Tx, team: TeamRef, member: { email: string; role: Role }, next: Role | null, manager: ManagerRole) {
  if (!mayManageMember(manager, member.role)) throw rolesGrantableBy(manager).length === 0 ? notAManager() : new AppError("forbidden", "Only an owner can change or remove an owner");
  if (member.role === next || member.role === "member") return;
  const counts = await tx.membership.groupBy({ by: ["role"], where: { teamId: team.id, role: { in: ["owner", "admin"] } }, _count: { _all: true } });
  const owners = counts.find((count) => count.role === "owner")?._count._all ?? 0;
  const admins = counts.find((count) => count.role === "admin")?._count._all ?? 0;
  const action = next === null ? "removed" : "given another role";
  if (member.role === "owner" && next !== "owner" && owners === 1) throw new AppError("conflict", `${member.email} is the last owner of ${team.name} and cannot be ${action}: make someone else an owner first`);
  if (member.role === "admin" && next !== "owner" && owners === 0 && admins === 1) throw new AppError("conflict", `${member.email} is the last admin of ${team.name}, which has no owner, and cannot be ${action}: make someone else an admin or owner first`);
}
