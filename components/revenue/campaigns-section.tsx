// The project's Apple Ads campaigns, lifetime figures as Apple Ads Sync last saved them: the days
// they cover and when, then the campaigns most spend first (a table on wide screens, blocks on
// phones), each opening to its ad groups.
import Link from "next/link";
import { SectionEmpty, StoreSection } from "@/components/store/store-section";
import { Time } from "@/components/ui/time";
import type { AdCampaigns } from "@/lib/revenue/types";
import { CampaignList } from "./campaign-list";
import { CampaignTable } from "./campaign-table";
import { windowDates, windowText } from "./format";

export function CampaignsSection({ project, ads, canRunTasks }: { project: { slug: string }; ads: AdCampaigns; canRunTasks: boolean }) {
  const { window } = ads;
  const note = window && (
    <>
      Lifetime: <span title={windowDates(window.start, window.end)}>{windowText(window.start, window.end)}</span>, synced <Time value={window.syncedAt} />
    </>
  );
  return (
    <StoreSection id="campaigns" title="Ad campaigns" note={note}>
      {ads.campaigns.length === 0 ? (
        <div className="px-5">
          <SectionEmpty title="No ad campaigns yet — Apple Ads Sync runs daily at 04:45 UTC for projects connected to Apple Ads">
            It saves each campaign&apos;s and ad group&apos;s lifetime spend, taps and installs, and names the campaigns app users came from.{" "}
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
        </div>
      ) : (
        <>
          <CampaignTable campaigns={ads.campaigns} totals={ads.totals} />
          <CampaignList campaigns={ads.campaigns} totals={ads.totals} />
        </>
      )}
    </StoreSection>
  );
}
