"use server";
// Server action of an issue's page: resolve or ignore it (jobs:write, admins and owners).
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { setIssueStatus } from "@/lib/issues/issues";

const input = z
  .object({
    issueId: z.string({ error: "issueId is required" }).max(100),
    status: z.enum(["resolved", "ignored"], { error: "status must be resolved or ignored" }),
  })
  .strict();

export const setIssueStatusAction = projectAction("jobs:write", input, ({ access, input: { issueId, status } }) => setIssueStatus(access.project.id, issueId, status));
