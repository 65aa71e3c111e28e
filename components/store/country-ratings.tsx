// Ratings by storefront, most ratings first: the country, its average as stars, and its count as a
// bar against the storefront with the most. The first ones show; the rest open on demand.
import type { StorefrontRating } from "@/lib/store/types";
import { countryName, ratingText } from "./format";
import { Stars } from "./stars";

const SHOWN = 10;
const cell = "py-2 pr-3 align-middle last:pr-0";

export function CountryRatings({ rated }: { rated: StorefrontRating[] }) {
  const most = rated[0]?.ratingCount ?? 1;
  const rest = rated.slice(SHOWN);
  return (
    <>
      <RatingTable label="Ratings by country" storefronts={rated.slice(0, SHOWN)} most={most} />
      {rest.length > 0 && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer py-1 text-indigo-700 select-none hover:underline dark:text-indigo-300">Show {rest.length} more countries</summary>
          <RatingTable label="More ratings by country" storefronts={rest} most={most} />
        </details>
      )}
    </>
  );
}

function RatingTable({ label, storefronts, most }: { label: string; storefronts: StorefrontRating[]; most: number }) {
  return (
    <table aria-label={label} className="w-full table-fixed text-left text-sm">
      <colgroup>
        <col />
        <col className="w-28 sm:w-36" />
        <col className="w-20 sm:w-48" />
      </colgroup>
      <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        <tr>
          <th scope="col" className={`${cell} font-medium`}>
            Country
          </th>
          <th scope="col" className={`${cell} font-medium`}>
            Average
          </th>
          <th scope="col" className={`${cell} text-right font-medium sm:text-left`}>
            Ratings
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {storefronts.map((storefront) => (
          <tr key={storefront.country} data-country={storefront.country}>
            <th scope="row" className={`${cell} truncate font-medium`} title={countryName(storefront.country)}>
              {countryName(storefront.country)}
            </th>
            <td className={cell}>
              <span className="flex items-center gap-2">
                <Stars value={storefront.averageRating} size="sm" />
                <span className="text-xs text-slate-600 tabular-nums dark:text-slate-300" aria-hidden="true">
                  {ratingText(storefront.averageRating)}
                </span>
              </span>
            </td>
            <td className={cell}>
              <span className="flex items-center justify-end gap-2 sm:justify-start">
                <span className="hidden h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100 sm:block dark:bg-slate-800" aria-hidden="true">
                  <span className="block h-full rounded-full bg-indigo-500 dark:bg-indigo-400" style={{ width: `${Math.max(2, (storefront.ratingCount / most) * 100)}%` }} />
                </span>
                <span className="w-14 text-right tabular-nums">{storefront.ratingCount.toLocaleString("en-US")}</span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
