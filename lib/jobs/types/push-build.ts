// push_build (StorePush "Push Build"): attaches a build to the version being prepared, and submits it.
import { defineJobType } from "@/lib/jobs/definition";
import { pushBuildParamsSchema } from "@/lib/appstore/params";

export const pushBuild = defineJobType({
  type: "push_build",
  label: "Push Build",
  scope: "project",
  ordering: "lane",
  description: "Submits a build to App Store Connect.",
  paramsSchema: pushBuildParamsSchema,
  // The Run now form picks these from what Pull All copied.
  pickers: { buildNumber: "build", version: "version" },
});
