// push_review (StorePush "Push Review"): sends the developer response to a customer review. App
// Store Connect keeps at most one response per review (a new one replaces it) and publishes it
// later, so the local copy stores the response with its state, PENDING_PUBLISH at first;
// pull_changes picks up the publication.
import type { JobHandler } from "@/lib/jobs/handler";
import { getReview, respondToReview } from "@/lib/appstore/api";
import { connectAppStore } from "@/lib/integrations/app-store";
import { responseFields, saveReviews, setReviewResponse } from "@/lib/appstore/reviews";

const pushReview: JobHandler<"push_review"> = async (params, context) => {
  const session = await connectAppStore(context);
  context.progress({ processed: 0, total: 1, message: `Sending the response to review ${params.reviewId}` });
  const response = await respondToReview(session.client, params.reviewId, params.responseBody);

  const known = await setReviewResponse(session.localAppId, params.reviewId, responseFields(response));
  if (!known) {
    // A review newer than the last pull: store it with its response.
    const review = await getReview(session.client, params.reviewId);
    await saveReviews({ projectId: session.projectId, appId: session.localAppId }, [review.data], new Map([[response.id, response]]));
  }

  const state = response.attributes.state;
  context.progress({ processed: 1, total: 1, message: `Response sent (${state})` });
  return { reviewId: params.reviewId, responseId: response.id, state };
};

export default pushReview;
