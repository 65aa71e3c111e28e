"use client";
// The reviews' filters, each value with how many reviews it keeps: the reply state as links, the
// star rating as a select in a plain GET form (it applies on change once the page has hydrated;
// without scripts, Apply sends it).
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReviewCounts } from "@/lib/store/types";
import { Button } from "@/components/ui/button";
import { narrowed, replyFilterLabels, replyFilters, storeHref, type ReviewFilterValues } from "./store-links";

const fieldClass =
  "rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-slate-700 dark:bg-slate-900";
const ratings = [5, 4, 3, 2, 1] as const;

interface ReviewFiltersProps {
  projectSlug: string;
  appId: string;
  values: ReviewFilterValues;
  counts: ReviewCounts;
}

export function ReviewFilters({ projectSlug, appId, values, counts }: ReviewFiltersProps) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
      <nav aria-label="Reply state" className="flex flex-wrap gap-1.5">
        {replyFilters.map((reply) => {
          const selected = values.reply === reply;
          return (
            <Link
              key={reply}
              href={storeHref(projectSlug, appId, { rating: values.rating, reply })}
              scroll={false}
              aria-current={selected ? "page" : undefined}
              className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 transition ring-inset ${
                selected
                  ? "bg-indigo-600 text-white ring-indigo-600"
                  : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
              }`}
            >
              {replyFilterLabels[reply]}{" "}
              <span className={`rounded-full px-1.5 text-xs tabular-nums ${selected ? "bg-indigo-800" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"}`}>{counts.byReply[reply]}</span>
            </Link>
          );
        })}
      </nav>
      <form
        key={`${values.rating ?? "any"}-${values.reply}`}
        role="search"
        aria-label="Filter reviews by rating"
        action={`/projects/${projectSlug}/store`}
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          const rating = Number(new FormData(event.currentTarget).get("rating")) || undefined;
          router.push(storeHref(projectSlug, appId, { rating, reply: values.reply }), { scroll: false });
        }}
        className="flex items-center gap-2"
      >
        <input type="hidden" name="app" value={appId} />
        {values.reply !== "any" && <input type="hidden" name="reply" value={values.reply} />}
        <select name="rating" aria-label="Rating" defaultValue={values.rating ?? ""} onChange={(event) => event.currentTarget.form?.requestSubmit()} className={fieldClass}>
          <option value="">Any rating ({counts.byRating.any})</option>
          {ratings.map((rating) => (
            <option key={rating} value={rating}>
              {rating} star{rating === 1 ? "" : "s"} ({counts.byRating[String(rating) as keyof ReviewCounts["byRating"]]})
            </option>
          ))}
        </select>
        <noscript>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </noscript>
      </form>
      {narrowed(values) && (
        <Link href={storeHref(projectSlug, appId)} scroll={false} className="rounded-md px-2 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950">
          Clear filters
        </Link>
      )}
    </div>
  );
}
