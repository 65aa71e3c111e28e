// What a project's apps earn and what their ads cost: Apple Ads campaigns with their ad groups, and
// RevenueCat's app users with where they came from. Every member of the team reads it; the syncs
// that fill it run from Tasks.
import { PageHeader } from "@/components/ui/page-header";
import type { AdCampaigns, AppUserSummary, AppUsersPage } from "@/lib/revenue/types";
import { AppUsersSection } from "./app-users-section";
import { CampaignsSection } from "./campaigns-section";
import type { AppUserFilterValues } from "./revenue-links";

export interface RevenueViewProps {
  project: { slug: string; name: string };
  ads: AdCampaigns;
  summary: AppUserSummary;
  users: AppUsersPage;
  filters: AppUserFilterValues;
  canRunTasks: boolean;
}

export function RevenueView({ project, ads, summary, users, filters, canRunTasks }: RevenueViewProps) {
  return (
    <div className="space-y-6">
      <PageHeader title="Revenue" description={`What ${project.name}'s Apple Ads campaigns cost and bring in, and what its app users have paid.`} />
      <CampaignsSection project={project} ads={ads} canRunTasks={canRunTasks} />
      <AppUsersSection project={project} summary={summary} page={users} filters={filters} canRunTasks={canRunTasks} />
    </div>
  );
}
