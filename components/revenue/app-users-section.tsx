// The project's app users, as RevenueCat Sync and RevenueCat User Backfill saved them: the figures
// at a glance and revenue by media source, then the users most revenue first, filtered through the
// URL, one page at a time ("Next page" follows the cursor).
import Link from "next/link";
import { countText } from "@/components/store/format";
import { SectionEmpty, StoreSection } from "@/components/store/store-section";
import { ButtonLink } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { AppUserSummary, AppUsersPage } from "@/lib/revenue/types";
import { AppUserFilters } from "./app-user-filters";
import { AppUserList } from "./app-user-list";
import { RevenueBySource, SummaryCards } from "./app-user-summary";
import { narrowed, revenueHref, type AppUserFilterValues } from "./revenue-links";

interface AppUsersSectionProps {
  project: { slug: string };
  summary: AppUserSummary;
  page: AppUsersPage;
  filters: AppUserFilterValues;
  canRunTasks: boolean;
}

export function AppUsersSection({ project, summary, page, filters, canRunTasks }: AppUsersSectionProps) {
  const note = summary.syncedAt && (
    <>
      synced <Time value={summary.syncedAt} />
    </>
  );
  if (summary.users === 0) {
    return (
      <StoreSection id="app-users" title="App users">
        <div className="px-5">
          <SectionEmpty title="No app users yet — RevenueCat Sync or RevenueCat User Backfill fills them">
            They read the project&apos;s customers from RevenueCat once it is connected in Settings: subscriptions, lifetime revenue and attribution.{" "}
            {canRunTasks && (
              <>
                You can run them from{" "}
                <Link href={`/projects/${project.slug}/tasks`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  Tasks
                </Link>
                .
              </>
            )}
          </SectionEmpty>
        </div>
      </StoreSection>
    );
  }
  return (
    <StoreSection id="app-users" title="App users" note={note}>
      <div className="space-y-6 px-5">
        <SummaryCards summary={summary} />
        <RevenueBySource summary={summary} />
      </div>
      <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 px-5">
          <h3 id="app-user-list-heading" className="text-sm font-semibold">
            Users
          </h3>
          <p className="text-xs text-slate-500 dark:text-slate-400">Most lifetime revenue first</p>
        </div>
        <div className="mt-3 px-5">
          <AppUserFilters projectSlug={project.slug} values={filters} counts={page.counts} />
        </div>
        <div className="mt-3">{page.users.length === 0 ? <NoneHere project={project} filters={filters} /> : <AppUserList users={page.users} />}</div>
        {page.users.length > 0 && (
          <nav aria-label="Pages of app users" className="mt-3 flex flex-wrap items-center justify-between gap-2 px-5 text-sm text-slate-500 dark:text-slate-400">
            <span>
              {countText(page.users.length, "app user")} on this page, of {page.counts.matching.toLocaleString("en-US")}
            </span>
            <div className="flex gap-2">
              {filters.cursor && (
                <ButtonLink href={revenueHref(project.slug, { ...filters, cursor: undefined })} scroll={false}>
                  First page
                </ButtonLink>
              )}
              {page.nextCursor && (
                <ButtonLink href={revenueHref(project.slug, { ...filters, cursor: page.nextCursor })} scroll={false}>
                  Next page
                </ButtonLink>
              )}
            </div>
          </nav>
        )}
      </div>
    </StoreSection>
  );
}

function NoneHere({ project, filters }: { project: { slug: string }; filters: AppUserFilterValues }) {
  const [title, text, action] = filters.cursor
    ? ["No more app users", "This page is past the last one.", <ButtonLink key="first" href={revenueHref(project.slug, { ...filters, cursor: undefined })}>First page</ButtonLink>]
    : narrowed(filters)
      ? ["No app users match these filters", "Try another status, access or media source.", <ButtonLink key="clear" href={revenueHref(project.slug)}>Clear filters</ButtonLink>]
      : ["No app users", undefined, undefined];
  return (
    <div className="px-5">
      <SectionEmpty title={title}>
        {text}
        {action && <div className="mt-3">{action}</div>}
      </SectionEmpty>
    </div>
  );
}
