// Permissions (PRODUCT.md "Access"). Pure: shared by the server, the settings page and the CLI.
// A team's admins and owners hold both permissions; members hold none. An API key holds the
// permissions it was created with.
import { z } from "zod";
import type { Role } from "@/lib/generated/prisma/enums";

export const permissions = ["jobs:read", "jobs:write"] as const;
export type Permission = (typeof permissions)[number];

/** Keys get both unless told otherwise (the seeds: "included in the default agent key permissions"). */
export const defaultKeyPermissions: Permission[] = ["jobs:read", "jobs:write"];

export const permissionsSchema = z
  .array(z.enum(permissions, { error: `each permission must be one of ${permissions.join(", ")}` }), { error: "permissions must be a list" })
  .min(1, "choose at least one permission")
  .transform((list) => permissions.filter((permission) => list.includes(permission)));

/** "jobs:read,jobs:write" (the CLI's spelling) → a checked list. */
export const permissionListSchema = z
  .string()
  .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(permissionsSchema);

export const teamRoles = ["owner", "admin", "member"] as const satisfies readonly Role[];
export const jobRoles: readonly Role[] = ["owner", "admin"];

export function rolePermissions(role: Role): Permission[] {
  return jobRoles.includes(role) ? [...permissions] : [];
}

export function permissionLabel(permission: Permission): string {
  return permission === "jobs:read" ? "Read runs" : "Trigger, cancel and retry";
}
