// pull_all (StorePush "Pull All"): a full copy of the app from App Store Connect, in the project's
// lane (semantics 8), so a push never runs on top of a pull that did not finish.
import { defineJobType } from "@/lib/jobs/definition";
import { pullParamsSchema } from "@/lib/appstore/params";

export const pullAll = defineJobType({
  type: "pull_all",
  label: "Pull All",
  scope: "project",
  ordering: "lane",
  description: "Full sync of all app data (versions, metadata, builds, screenshots, reviews). Runs on initial app setup.",
  paramsSchema: pullParamsSchema,
});
