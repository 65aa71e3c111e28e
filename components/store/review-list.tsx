// Reviews as people wrote them: stars, title and text, who and where from, when; and the
// developer's reply with whether Apple has published it yet.
import type { ReplyState, StoreReview } from "@/lib/store/types";
import { dayText, territoryName } from "./format";
import { Stars } from "./stars";

const replyBadges: Record<ReplyState, { label: string; className: string }> = {
  PUBLISHED: { label: "Published", className: "bg-emerald-50 text-emerald-700 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800" },
  PENDING_PUBLISH: { label: "Pending publication", className: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800" },
};

export function ReviewList({ reviews }: { reviews: StoreReview[] }) {
  return (
    <ul aria-label="Reviews" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {reviews.map((review) => (
        <ReviewItem key={review.id} review={review} />
      ))}
    </ul>
  );
}

function ReviewItem({ review }: { review: StoreReview }) {
  const who = review.reviewerNickname ?? "Someone";
  return (
    <li aria-label={review.title ?? `Review by ${who}`} data-review-id={review.id} data-rating={review.rating} className="px-5 py-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Stars value={review.rating} size="sm" />
        {review.title && <p className="min-w-0 font-medium break-words">{review.title}</p>}
      </div>
      {review.body && <p className="mt-1.5 text-sm leading-relaxed break-words whitespace-pre-line text-slate-700 dark:text-slate-300">{review.body}</p>}
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="font-medium text-slate-600 dark:text-slate-300">{who}</span> · <span title={review.territory}>{territoryName(review.territory)}</span> ·{" "}
        <time dateTime={review.createdDate}>{dayText(review.createdDate)}</time>
      </p>
      {review.response && <Reply response={review.response} />}
    </li>
  );
}

function Reply({ response }: { response: NonNullable<StoreReview["response"]> }) {
  const badge = response.state ? replyBadges[response.state] : null;
  return (
    <div className="mt-3 rounded-lg border-l-2 border-indigo-300 bg-slate-50 px-3 py-2.5 dark:border-indigo-700 dark:bg-slate-800/50">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <span className="font-medium text-slate-700 dark:text-slate-200">Developer reply</span>
        {badge && <span className={`inline-flex rounded-full px-2 py-0.5 font-medium whitespace-nowrap ring-1 ring-inset ${badge.className}`}>{badge.label}</span>}
        {response.updatedAt && (
          <span className="text-slate-500 dark:text-slate-400">
            <time dateTime={response.updatedAt}>{dayText(response.updatedAt)}</time>
          </span>
        )}
      </p>
      <p className="mt-1 text-sm leading-relaxed break-words whitespace-pre-line text-slate-700 dark:text-slate-300">{response.body}</p>
    </div>
  );
}
