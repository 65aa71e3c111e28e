// The rules for a team's members (lib/accounts/members.ts), against real PostgreSQL: the same
// functions serve the admin CLI (the server owner) and the team page (a member with their role).
// A team keeps someone who manages it; admins cannot make, change or remove owners; plain members
// change nothing; bad input and refusals write nothing.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { addMember, changeMemberRole, listMembers, removeMember, type MemberManager } from "@/lib/accounts/members";
import { AppError } from "@/lib/errors";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool, getPool } from "@/lib/db/pool";
import type { Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { createUser, waitFor } from "../helpers/fixtures";

afterAll(async () => {
  await disconnectPrisma();
  await closePool();
});

async function newTeam() {
  const suffix = randomUUID().slice(0, 8);
  return prisma.team.create({ data: { name: `Members ${suffix}`, slug: `members-${suffix}` } });
}

/** An account in no team yet: what "invite" adds. */
async function newAccount() {
  return prisma.user.create({ data: { email: `someone-${randomUUID().slice(0, 8)}@test.local`, name: "Sam Someone", passwordHash: await hashPassword("secret-password") } });
}

const as = (user: { id: string }): MemberManager => ({ kind: "member", userId: user.id });

async function rolesOf(teamId: string): Promise<Record<string, Role>> {
  const rows = await prisma.membership.findMany({ where: { teamId }, select: { role: true, user: { select: { email: true } } } });
  return Object.fromEntries(rows.map((row) => [row.user.email, row.role]));
}

/** Connections of this file's database waiting for a lock. */
async function waitingOnLocks(): Promise<number> {
  const { rows } = await getPool().query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
  return rows[0]!.waiting;
}

/** The AppError a call rejects with (and fails the test if it does not). */
async function refusal(work: Promise<unknown> | (() => Promise<unknown>)): Promise<AppError> {
  const error = await (typeof work === "function" ? work() : work).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("team members", () => {
  it("are listed owners first, then admins, then members, with when they joined", async () => {
    const team = await newTeam();
    const member = await createUser("member", team.id);
    const owner = await createUser("owner", team.id);
    const admin = await createUser("admin", team.id);
    const listed = await listMembers(team.slug);
    expect(listed.map((row) => [row.email, row.role])).toEqual([
      [owner.email, "owner"],
      [admin.email, "admin"],
      [member.email, "member"],
    ]);
    expect(listed[0]).toMatchObject({ userId: owner.id, name: "Test owner" });
    expect(listed[0]!.joinedAt).toBeInstanceOf(Date);
  });

  it("are added by the email of an existing account, in any case, with a role", async () => {
    const team = await newTeam();
    const owner = await createUser("owner", team.id);
    const account = await newAccount();
    expect(await addMember(team.id, account.email.toUpperCase(), "admin", { by: as(owner), existing: "refuse" })).toEqual({ changed: "added", role: "admin" });
    expect((await rolesOf(team.id))[account.email]).toBe("admin");
  });

  it("refuse bad input, unknown accounts and someone already there, writing nothing", async () => {
    const team = await newTeam();
    const owner = await createUser("owner", team.id);
    const member = await createUser("member", team.id);
    const before = await rolesOf(team.id);

    const badEmail = await refusal(addMember(team.id, "not-an-email", "member", { by: as(owner) }));
    expect(badEmail.code).toBe("bad_request");
    expect(badEmail.issues).toEqual([{ path: "email", message: "email must be an email address" }]);
    const badRole = await refusal(addMember(team.id, "x@test.local", "superuser", { by: as(owner) }));
    expect(badRole.issues?.[0]?.path).toBe("role");

    const unknown = await refusal(addMember(team.id, "nobody-here@test.local", "member", { by: as(owner), existing: "refuse" }));
    expect(unknown.code).toBe("not_found");
    expect(unknown.message).toContain("taskdeck admin users create");

    // The team page's invite does not turn into a role change; the CLI's `members add` does.
    const already = await refusal(addMember(team.id, member.email, "admin", { by: as(owner), existing: "refuse" }));
    expect(already.code).toBe("conflict");
    expect(await rolesOf(team.id)).toEqual(before);
    expect(await addMember(team.id, member.email, "admin")).toEqual({ changed: "updated", role: "admin" });
  });

  it("keep the last owner: not removed, not given another role, by anyone, the server owner included", async () => {
    const team = await newTeam();
    const owner = await createUser("owner", team.id);
    const admin = await createUser("admin", team.id);

    // One after another (each a function), so each refusal is awaited as it happens.
    for (const attempt of [() => removeMember(team.id, owner.email), () => changeMemberRole(team.id, owner.email, "admin"), () => addMember(team.id, owner.email, "member"), () => removeMember(team.id, owner.email, as(owner))]) {
      const error = await refusal(attempt);
      expect(error.code).toBe("conflict");
      expect(error.message).toContain("last owner");
    }
    expect(await rolesOf(team.id)).toEqual({ [owner.email]: "owner", [admin.email]: "admin" });

    // With a second owner, the first may step down.
    await changeMemberRole(team.id, admin.email, "owner", as(owner));
    expect(await changeMemberRole(team.id, owner.email, "member", as(owner))).toEqual({ role: "member" });
    expect(await rolesOf(team.id)).toEqual({ [owner.email]: "member", [admin.email]: "owner" });
  });

  it("keep the last admin of a team without owners (the demo team), who may still become an owner", async () => {
    const team = await newTeam();
    const admin = await createUser("admin", team.id);
    const member = await createUser("member", team.id);
    const error = await refusal(changeMemberRole(team.id, admin.email, "member", as(admin)));
    expect(error.message).toContain("last admin");
    expect((await refusal(removeMember(team.id, admin.email))).code).toBe("conflict");
    await removeMember(team.id, member.email, as(admin));
    expect(await changeMemberRole(team.id, admin.email, "owner")).toEqual({ role: "owner" });
  });

  it("let an admin manage admins and members, but not make, change or remove an owner", async () => {
    const team = await newTeam();
    const owner = await createUser("owner", team.id);
    const admin = await createUser("admin", team.id);
    const account = await newAccount();

    await addMember(team.id, account.email, "member", { by: as(admin), existing: "refuse" });
    expect(await changeMemberRole(team.id, account.email, "admin", as(admin))).toEqual({ role: "admin" });
    const before = await rolesOf(team.id);
    for (const attempt of [() => changeMemberRole(team.id, account.email, "owner", as(admin)), () => changeMemberRole(team.id, owner.email, "admin", as(admin)), () => removeMember(team.id, owner.email, as(admin))]) {
      expect((await refusal(attempt)).code).toBe("forbidden");
    }
    expect((await refusal(addMember(team.id, (await newAccount()).email, "owner", { by: as(admin) }))).message).toBe("Only an owner can make someone an owner");
    expect(await rolesOf(team.id)).toEqual(before);

    await removeMember(team.id, account.email, as(admin));
    expect((await rolesOf(team.id))[account.email]).toBeUndefined();
  });

  it("let a plain member change nothing, and someone outside the team not even see it", async () => {
    const team = await newTeam();
    const admin = await createUser("admin", team.id);
    const member = await createUser("member", team.id);
    const before = await rolesOf(team.id);
    const account = await newAccount();
    for (const attempt of [
      () => addMember(team.id, account.email, "member", { by: as(member) }),
      () => changeMemberRole(team.id, admin.email, "member", as(member)),
      () => changeMemberRole(team.id, member.email, "admin", as(member)),
      () => removeMember(team.id, admin.email, as(member)),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe("forbidden");
      expect(error.message).toBe("Only owners and admins manage the team's members");
    }
    const outsider = await createUser("owner", (await newTeam()).id);
    expect((await refusal(removeMember(team.id, member.email, as(outsider)))).code).toBe("not_found");
    expect(await rolesOf(team.id)).toEqual(before);
  });

  it("read the manager's role as it is now: an admin demoted a moment ago manages nothing", async () => {
    const team = await newTeam();
    await createUser("owner", team.id);
    const admin = await createUser("admin", team.id);
    const member = await createUser("member", team.id);
    await changeMemberRole(team.id, admin.email, "member");
    expect((await refusal(removeMember(team.id, member.email, as(admin)))).code).toBe("forbidden");
  });

  it("take turns: two owners demoting each other at once leave the team one owner", async () => {
    const team = await newTeam();
    const first = await createUser("owner", team.id);
    const second = await createUser("owner", team.id);
    // A third connection holds the two memberships, so both demotions have begun (and, were they
    // not taking turns, both counted two owners) before either can write.
    const blocker = await getPool().connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT id FROM memberships WHERE team_id = $1 FOR UPDATE", [team.id]);
    const racing = Promise.allSettled([changeMemberRole(team.id, first.email, "admin", as(second)), changeMemberRole(team.id, second.email, "admin", as(first))]);
    await waitFor(waitingOnLocks, (waiting) => waiting >= 2);
    await blocker.query("COMMIT");
    blocker.release();
    const outcomes = await racing;
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    // The second in line was either the last owner or, already demoted, an admin who cannot change an owner.
    expect(["conflict", "forbidden"]).toContain((rejected.reason as AppError).code);
    expect(Object.values(await rolesOf(team.id)).sort()).toEqual(["admin", "owner"]);
  });
});
