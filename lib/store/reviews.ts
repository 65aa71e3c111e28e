import "server-only";
// An app's App Store reviews, newest first, one keyset page at a time, narrowed by star rating and
// by the state of the developer's reply; with how many reviews each filter value keeps. Scoped by
// project through the app too, so another project's app has no reviews here.
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeReviewCursor, encodeReviewCursor } from "./cursor";
import type { ReplyFilter, ReplyState, ReviewCounts, ReviewQuery, ReviewsPage } from "./types";

const replyWhere: Record<ReplyFilter, Prisma.AppStoreReviewWhereInput> = {
  any: {},
  replied: { responseState: "PUBLISHED" },
  pending: { responseState: "PENDING_PUBLISH" },
  none: { responseState: null },
};
const replyState = (state: string | null): ReplyState | null => (state === "PUBLISHED" || state === "PENDING_PUBLISH" ? state : null);
const replyOf = (state: string | null): ReplyFilter | null => (state === "PUBLISHED" ? "replied" : state === "PENDING_PUBLISH" ? "pending" : state === null ? "none" : null);

export async function listReviews(projectId: string, appId: string, query: ReviewQuery): Promise<ReviewsPage> {
  const after = query.cursor ? decodeReviewCursor(query.cursor) : null;
  const ofApp: Prisma.AppStoreReviewWhereInput = { appId, projectId, app: { projectId, deletedAt: null } };
  const where: Prisma.AppStoreReviewWhereInput = {
    ...ofApp,
    ...replyWhere[query.reply],
    ...(query.rating ? { rating: query.rating } : {}),
    ...(after ? { OR: [{ createdDate: { lt: after.createdDate } }, { createdDate: after.createdDate, id: { lt: after.id } }] } : {}),
  };
  const [rows, groups] = await Promise.all([
    prisma.appStoreReview.findMany({ where, orderBy: [{ createdDate: "desc" }, { id: "desc" }], take: query.limit + 1 }),
    prisma.appStoreReview.groupBy({ by: ["rating", "responseState"], where: ofApp, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    reviews: page.map((review) => ({
      id: review.id,
      rating: review.rating,
      title: review.title,
      body: review.body,
      reviewerNickname: review.reviewerNickname,
      territory: review.territory,
      createdDate: review.createdDate.toISOString(),
      response: review.responseBody ? { body: review.responseBody, state: replyState(review.responseState), updatedAt: review.responseUpdatedAt?.toISOString() ?? null } : null,
    })),
    nextCursor: rows.length > query.limit ? encodeReviewCursor(page[page.length - 1]!) : null,
    counts: countsOf(groups.map((group) => ({ rating: group.rating, reply: replyOf(group.responseState), count: group._count._all })), query),
  };
}

/** Reply-state counts under the chosen rating, and rating counts under the chosen reply state. */
function countsOf(groups: Array<{ rating: number; reply: ReplyFilter | null; count: number }>, query: ReviewQuery): ReviewCounts {
  const counts: ReviewCounts = { byReply: { any: 0, replied: 0, pending: 0, none: 0 }, byRating: { any: 0, "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 } };
  for (const { rating, reply, count } of groups) {
    if (!query.rating || rating === query.rating) {
      counts.byReply.any += count;
      if (reply) counts.byReply[reply] += count;
    }
    if (query.reply === "any" || reply === query.reply) {
      counts.byRating.any += count;
      const key = String(rating) as keyof ReviewCounts["byRating"];
      if (key in counts.byRating) counts.byRating[key] += count;
    }
  }
  return counts;
}
