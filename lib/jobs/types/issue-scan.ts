// issue_scan: clusters new error events into issues and tells teams about new and regressed ones.
import { z } from "zod";
import { defineJobType } from "@/lib/jobs/definition";

export const issueScan = defineJobType({
  type: "issue_scan",
  label: "Issue Scan",
  scope: "system",
  ordering: "independent",
  schedule: { cron: "0 * * * *", reach: "system" },
  description:
    "Clusters new error events into issues via fingerprinting; dispatches one issue.new notification per team summarizing the scan's new + regressed production issues",
  paramsSchema: z.object({}).strict(),
});
