// Replies Apple has not published yet. A response is PENDING_PUBLISH for a while after it is sent,
// and the customerReviews listing does not reliably show when it flips, so each one still pending
// is asked about directly: PUBLISHED is stored, and a 404 (deleted in App Store Connect meanwhile)
// clears the reply. Pull Changes and the reviews sync both run this pass.
import type { JobContext } from "@/lib/jobs/handler";
import { getReviewResponse } from "./api";
import type { AppStoreConnectClient } from "./client";
import { AppStoreConnectError } from "./errors";
import { pendingResponses, responseFields, setReviewResponse } from "./reviews";

export interface PendingPass {
  /** Responses asked about (the seed's pending_responses_checked). */
  checked: number;
  published: number;
  /** Responses Apple no longer has: cleared locally. */
  cleared: number;
}

export async function refreshPendingResponses(client: AppStoreConnectClient, appId: string, context: JobContext): Promise<PendingPass> {
  const pass: PendingPass = { checked: 0, published: 0, cleared: 0 };
  for (const pending of await pendingResponses(appId)) {
    if (context.isCancelled()) break;
    const response = await getReviewResponse(client, pending.responseAscId).catch((error: unknown) => {
      if (error instanceof AppStoreConnectError && error.status === 404) return null;
      throw error;
    });
    await setReviewResponse(appId, pending.externalId, responseFields(response));
    pass.checked += 1;
    if (response === null) pass.cleared += 1;
    else if (response.attributes.state === "PUBLISHED") pass.published += 1;
  }
  return pass;
}
