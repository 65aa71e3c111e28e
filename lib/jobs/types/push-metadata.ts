// push_metadata (StorePush "Push Metadata"): one locale's metadata to App Store Connect.
import { defineJobType } from "@/lib/jobs/definition";
import { pushMetadataParamsSchema } from "@/lib/appstore/params";

export const pushMetadata = defineJobType({
  type: "push_metadata",
  label: "Push Metadata",
  scope: "project",
  ordering: "lane",
  description: "Sends metadata changes (descriptions, keywords, release notes) to Apple.",
  paramsSchema: pushMetadataParamsSchema,
  // The Run now form picks these from what Pull All copied.
  pickers: { locale: "locale", version: "version" },
});
