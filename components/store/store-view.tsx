// A project's App Store data, one app at a time: its version, its ratings by country and its
// reviews. Every member of the team reads it; the syncs that fill it run from Tasks.
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { AppRatings, AscVersions, ReviewsPage, StoreApp, StoreAppOption } from "@/lib/store/types";
import { AppSwitcher } from "@/components/ui/app-switcher";
import { storeHref } from "./store-links";
import { RatingsSection } from "./ratings-section";
import { ReviewsSection } from "./reviews-section";
import type { ReviewFilterValues } from "./store-links";
import { VersionSection } from "./version-section";

export interface StoreViewProps {
  project: { slug: string; name: string };
  apps: StoreAppOption[];
  /** Absent when the project has no live app. */
  selected?: { app: StoreApp; versions: AscVersions; ratings: AppRatings; reviews: ReviewsPage; filters: ReviewFilterValues };
  canRunTasks: boolean;
}

export function StoreView({ project, apps, selected, canRunTasks }: StoreViewProps) {
  return (
    <div className="space-y-6">
      <PageHeader title="Store" description={`What the App Store shows of ${project.name}'s apps: the version on sale, ratings by country and reviews.`} />
      {!selected ? (
        <EmptyState title="No apps yet">
          Add the project&apos;s apps in{" "}
          <Link href={`/projects/${project.slug}/settings`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Settings
          </Link>
          ; what the store syncs learn about them shows here.
        </EmptyState>
      ) : (
        <>
          <AppSwitcher apps={apps} selectedId={selected.app.id} hrefFor={(appId) => storeHref(project.slug, appId)} showPlatform />
          <VersionSection app={selected.app} versions={selected.versions} />
          <RatingsSection project={project} app={selected.app} ratings={selected.ratings} canRunTasks={canRunTasks} />
          <ReviewsSection project={project} app={selected.app} page={selected.reviews} filters={selected.filters} />
        </>
      )}
    </div>
  );
}
