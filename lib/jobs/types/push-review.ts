// push_review (StorePush "Push Review"): a developer response to a customer review.
import { defineJobType } from "@/lib/jobs/definition";
import { pushReviewParamsSchema } from "@/lib/appstore/params";

export const pushReview = defineJobType({
  type: "push_review",
  label: "Push Review",
  scope: "project",
  ordering: "lane",
  description: "Sends review responses to Apple.",
  paramsSchema: pushReviewParamsSchema,
  // The Run now form picks these from what Pull All copied.
  pickers: { reviewId: "review" },
});
