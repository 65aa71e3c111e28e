"use server";
// Server actions of the team page: restoring a project deleted within the last 7 days (admins and owners).
import { z } from "zod";
import { restoreProject } from "@/lib/accounts/soft-delete";
import { teamAction } from "@/lib/auth/action";
import { jobRoles } from "@/lib/auth/permissions";

export const restoreProjectAction = teamAction(jobRoles, z.object({ projectId: z.string({ error: "projectId is required" }).max(100) }).strict(), ({ team, input }) =>
  restoreProject(team.id, input.projectId),
);
