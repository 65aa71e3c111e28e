"use server";
// Server action of the Schedules page: a lane type's per-project interval (5, 15, 30 minutes or off),
// set through the same function and schema as PUT /api/v1/projects/:projectId/schedules.
import { projectAction } from "@/lib/auth/action";
import { updateProjectSchedule } from "@/lib/jobs/project-schedules";
import { putScheduleBodySchema } from "@/lib/jobs/schemas";

export const setIntervalAction = projectAction("jobs:write", putScheduleBodySchema, async ({ user, access, input }) =>
  updateProjectSchedule(access.project.id, input, { userId: user.id, apiKeyId: null, surface: "dashboard" }),
);
