// The team roles (PRODUCT.md "Access") as the team page names them.
import type { teamRoles } from "@/lib/auth/permissions";

export type TeamRole = (typeof teamRoles)[number];

export const roleLabels: Record<TeamRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };
