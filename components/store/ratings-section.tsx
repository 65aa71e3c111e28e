// The app's App Store rating: worldwide, then by storefront, most ratings first, with the
// storefronts that have none folded into one line. Ratings come from App Store Ratings Sync.
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { AppRatings, StoreApp } from "@/lib/store/types";
import { countText, countryName, ratingText } from "./format";
import { CountryRatings } from "./country-ratings";
import { Stars } from "./stars";
import { SectionEmpty, StoreSection } from "./store-section";

interface RatingsSectionProps {
  project: { slug: string };
  app: StoreApp;
  ratings: AppRatings;
  canRunTasks: boolean;
}

export function RatingsSection({ project, app, ratings, canRunTasks }: RatingsSectionProps) {
  const note = app.ratingsSyncedAt && (
    <>
      synced <Time value={app.ratingsSyncedAt} />
    </>
  );
  return (
    <StoreSection id="ratings" title="Ratings" note={note}>
      <div className="px-5">
        {ratings.rated.length === 0 ? (
          <Empty project={project} app={app} canRunTasks={canRunTasks} unrated={ratings.unrated.length} />
        ) : (
          <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
            <Worldwide app={app} storefronts={ratings.rated.length} />
            <div className="min-w-0">
              <CountryRatings rated={ratings.rated} />
              {ratings.unrated.length > 0 && <Unrated countries={ratings.unrated} />}
            </div>
          </div>
        )}
      </div>
    </StoreSection>
  );
}

function Worldwide({ app, storefronts }: { app: StoreApp; storefronts: number }) {
  return (
    <div role="group" aria-label="Worldwide rating" className="rounded-lg bg-slate-50 p-4 lg:self-start dark:bg-slate-800/50">
      <p className="text-xs text-slate-500 dark:text-slate-400">Worldwide</p>
      {app.ratingAverage !== null ? (
        <>
          <p className="mt-1 flex items-center gap-3">
            <span className="text-4xl font-semibold tracking-tight tabular-nums">{ratingText(app.ratingAverage)}</span>
            <Stars value={app.ratingAverage} size="lg" />
          </p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{countText(app.ratingCount ?? 0, "rating")}</p>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Worked out at the next sync</p>
      )}
      <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">in {countText(storefronts, "storefront")}</p>
    </div>
  );
}

function Unrated({ countries }: { countries: string[] }) {
  const names = countries.map(countryName).sort((a, b) => a.localeCompare(b, "en"));
  return (
    <details className="group mt-3 text-sm">
      <summary className="cursor-pointer rounded text-slate-600 select-none hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">{countText(countries.length, "storefront")} without ratings</summary>
      <p className="mt-1 text-xs leading-relaxed text-slate-500 dark:text-slate-400">{names.join(", ")}</p>
    </details>
  );
}

function Empty({ project, app, canRunTasks, unrated }: { project: { slug: string }; app: StoreApp; canRunTasks: boolean; unrated: number }) {
  if (app.platform !== "apple") {
    return <SectionEmpty title="No App Store ratings">Ratings come from the App Store, for Apple apps; this is not one.</SectionEmpty>;
  }
  return (
    <SectionEmpty title="No ratings yet — App Store Ratings Sync runs daily at 04:30 UTC">
      {unrated > 0 ? `It found no ratings in the ${countText(unrated, "storefront")} it read. ` : "It reads every App Store storefront for apps with a bundle id. "}
      {canRunTasks && (
        <>
          You can run it now from{" "}
          <Link href={`/projects/${project.slug}/tasks`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Tasks
          </Link>
          .
        </>
      )}
    </SectionEmpty>
  );
}
