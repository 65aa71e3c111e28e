// The app's App Store reviews, newest first, filtered through the URL, one page at a time ("Next
// page" follows the cursor).
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ReviewsPage, StoreApp } from "@/lib/store/types";
import { countText } from "./format";
import { ReviewFilters } from "./review-filters";
import { ReviewList } from "./review-list";
import { narrowed, storeHref, type ReviewFilterValues } from "./store-links";

interface ReviewsSectionProps {
  project: { slug: string };
  app: StoreApp;
  page: ReviewsPage;
  filters: ReviewFilterValues;
}

export function ReviewsSection({ project, app, page, filters }: ReviewsSectionProps) {
  const { reviews, nextCursor, counts } = page;
  const matching = counts.byReply[filters.reply];
  const hasReviews = counts.byReply.any > 0 || narrowed(filters);
  return (
    <section aria-labelledby="reviews-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id="reviews-heading" className="text-base font-semibold">
          Reviews
        </h2>
        {hasReviews && <p className="text-xs text-slate-500 dark:text-slate-400">Newest first, as App Store Connect Reviews Sync stored them</p>}
      </div>
      {hasReviews && <ReviewFilters projectSlug={project.slug} appId={app.id} values={filters} counts={counts} />}
      {reviews.length === 0 ? (
        <Empty project={project} app={app} filters={filters} />
      ) : (
        <>
          <ReviewList reviews={reviews} />
          <nav aria-label="Pages of reviews" className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-500 dark:text-slate-400">
            <span>
              {countText(reviews.length, "review")} on this page, of {matching.toLocaleString("en-US")}
            </span>
            <div className="flex gap-2">
              {filters.cursor && (
                <ButtonLink href={storeHref(project.slug, app.id, { ...filters, cursor: undefined })} scroll={false}>
                  First page
                </ButtonLink>
              )}
              {nextCursor && (
                <ButtonLink href={storeHref(project.slug, app.id, { ...filters, cursor: nextCursor })} scroll={false}>
                  Next page
                </ButtonLink>
              )}
            </div>
          </nav>
        </>
      )}
    </section>
  );
}

function Empty({ project, app, filters }: { project: { slug: string }; app: StoreApp; filters: ReviewFilterValues }) {
  if (filters.cursor) {
    return (
      <EmptyState title="No more reviews" action={<ButtonLink href={storeHref(project.slug, app.id, { ...filters, cursor: undefined })}>First page</ButtonLink>}>
        This page is past the last review.
      </EmptyState>
    );
  }
  if (narrowed(filters)) {
    return (
      <EmptyState title="No reviews match these filters" action={<ButtonLink href={storeHref(project.slug, app.id)}>Clear filters</ButtonLink>}>
        Try another rating or reply state.
      </EmptyState>
    );
  }
  if (app.platform !== "apple") return <EmptyState title="No App Store reviews">Reviews come from App Store Connect, for Apple apps; this is not one.</EmptyState>;
  return (
    <EmptyState title="No reviews yet">
      App Store Connect Reviews Sync stores the app&apos;s reviews and replies once the project is connected to App Store Connect in Settings.
    </EmptyState>
  );
}
