import "server-only";
// The one wrapper for server actions (STYLE.md; Dub's withWorkspace): the session, the caller's
// role in the team, zod parsing of the input and error mapping. An action never throws at the
// browser: it answers { ok: true, data } or { ok: false, error } in the API's error shape.
import type { z } from "zod";
import { AppError, errorBody, invalid, type ErrorBody } from "@/lib/errors";
import { SecretKeyError } from "@/lib/secrets/seal";
import { findProject, requireProject, requireTeamRole, userActor, type ProjectAccess } from "@/lib/auth/access";
import { jobRoles, type Permission } from "@/lib/auth/permissions";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/client";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };

interface TeamActionContext<Input> {
  user: SessionUser;
  team: { id: string; slug: string; name: string };
  /** The user's membership of the team, and their role in it. */
  membership: { id: string; role: Role };
  input: Input;
}

interface ProjectActionContext<Input> {
  user: SessionUser;
  access: ProjectAccess;
  input: Input;
}

/** A server action on a project (by id or slug), for users holding the permission there. */
export function projectAction<S extends z.ZodType, T>(permission: Permission, schema: S, handler: (context: ProjectActionContext<z.output<S>>) => Promise<T>) {
  return async (projectIdOrSlug: string, input: unknown): Promise<ActionResult<T>> =>
    settle(async () => {
      const user = await sessionUser();
      const access = await requireProject(userActor(user), String(projectIdOrSlug), permission);
      return handler({ user, access, input: parse(schema, input) });
    });
}

/** A server action on a project's settings (apps, integrations): for the team's admins and owners. */
export function projectSettingsAction<S extends z.ZodType, T>(schema: S, handler: (context: ProjectActionContext<z.output<S>>) => Promise<T>) {
  return async (projectIdOrSlug: string, input: unknown): Promise<ActionResult<T>> =>
    settle(async () => {
      const user = await sessionUser();
      const access = await findProject(userActor(user), String(projectIdOrSlug));
      if (!access.role || !jobRoles.includes(access.role)) throw new AppError("forbidden", "Project settings need the admin or owner role in this team");
      return handler({ user, access, input: parse(schema, input) });
    });
}

export function teamAction<S extends z.ZodType, T>(roles: readonly Role[], schema: S, handler: (context: TeamActionContext<z.output<S>>) => Promise<T>) {
  return async (teamIdOrSlug: string, input: unknown): Promise<ActionResult<T>> =>
    settle(async () => {
      const user = await sessionUser();
      const { team, role, membershipId } = await requireTeamRole(user, String(teamIdOrSlug), roles);
      return handler({ user, team, membership: { id: membershipId, role }, input: parse(schema, input) });
    });
}

async function sessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended: sign in again");
  return user;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Please correct the highlighted fields", parsed.error);
  return parsed.data;
}

async function settle<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: errorBody(error).error };
    // A server without TASKDECK_ENCRYPTION_KEY (or with the wrong one) says so: it names no secret.
    if (error instanceof SecretKeyError) return { ok: false, error: { code: "internal", message: `The server cannot store credentials: ${error.message}. The server owner must fix this.` } };
    console.error("[action] unexpected error", error instanceof Error ? error.message : error);
    return { ok: false, error: { code: "internal", message: "Something went wrong on our side" } };
  }
}
