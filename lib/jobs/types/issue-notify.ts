// issue_notify: each project's issue digest, at the cadence it chose.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const issueNotify = defineJobType({
  type: "issue_notify",
  label: "Issue Notify",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "5 * * * *", reach: "system" },
  description: "Sends per-project issue.digest notifications at each project's configured cadence; silent when nothing new or regressed",
  paramsSchema: z.object({}).strict(),
});
