// pull_changes (StorePush "Pull Changes"): the incremental pull, on each project's own interval.
import { defineJobType } from "@/lib/jobs/definition";
import { pullParamsSchema } from "@/lib/appstore/params";

export const pullChanges = defineJobType({
  type: "pull_changes",
  label: "Pull Changes",
  scope: "project",
  ordering: "lane",
  projectInterval: true,
  description: "Incremental sync that only fetches changes since the last pull. Runs automatically based on your configured interval.",
  paramsSchema: pullParamsSchema,
});
