// A page's loading state: its header and rows in the shape of what is coming.
import { Skeleton, SkeletonRows } from "./skeleton";

export function SkeletonPage({ label, cards = false }: { label: string; cards?: boolean }) {
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-72" />
      </div>
      {cards ? (
        <div role="status" aria-label={label} className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {Array.from({ length: 3 }, (_, index) => (
            <div key={index} className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
              <Skeleton className="h-5 w-32" />
              <Skeleton className="h-4 w-full" />
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="mt-4 h-9 w-28" />
            </div>
          ))}
        </div>
      ) : (
        <SkeletonRows rows={6} label={label} />
      )}
    </div>
  );
}
