"use server";
// Server action of the Schedules page: a lane type's per-project interval (5, 15, 30 minutes or off).
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { catalog } from "@/lib/jobs/catalog";
import { getSenderBoss } from "@/lib/jobs/queue";
import { setProjectSchedule } from "@/lib/jobs/schedules";

// The shape only: setProjectSchedule itself refuses intervals other than 5, 15 and 30 minutes.
const input = z
  .object({
    type: z.string().min(1).max(100),
    intervalMinutes: z.number({ error: "choose 5, 15 or 30 minutes, or off" }).int().nullable(),
  })
  .strict();

export const setIntervalAction = projectAction("jobs:write", input, async ({ access, input: { type, intervalMinutes } }) => {
  await setProjectSchedule(await getSenderBoss(), catalog, access.project.id, type, intervalMinutes);
  return { type, intervalMinutes };
});
