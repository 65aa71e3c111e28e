// The campaigns on phones and narrow windows: a short block each (spend on the right, the other
// figures in a grid below), opening to its ad groups; the totals last. Nothing scrolls sideways.
import { countText } from "@/components/store/format";
import { ChevronDown } from "@/components/ui/icons";
import type { AdCampaigns, AdMetrics } from "@/lib/revenue/types";
import { adFigures, figureColumns, totalFigures, type AdFigures } from "./ad-figures";
import { AdStatusBadge } from "./badges";

const gridFigures = figureColumns.filter(({ key }) => key !== "spend");

function Figures({ figures }: { figures: AdFigures }) {
  return (
    <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-2 text-xs">
      {gridFigures.map(({ key, label }) => (
        <div key={key} className="min-w-0">
          <dt className="truncate text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="mt-0.5 font-medium text-slate-800 tabular-nums dark:text-slate-200">{figures[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

function Heading({ name, spend, children }: { name: string; spend: React.ReactNode; children?: React.ReactNode }) {
  return (
    <>
      <p className="flex items-start justify-between gap-3">
        <span className="min-w-0 font-medium break-words">{name}</span>
        <span className="shrink-0 text-right font-semibold tabular-nums">{spend}</span>
      </p>
      {children && <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">{children}</div>}
    </>
  );
}

export function CampaignList({ campaigns, totals }: Pick<AdCampaigns, "campaigns" | "totals">) {
  return (
    <div className="border-t border-slate-200 lg:hidden dark:border-slate-800">
      <ul aria-label="Ad campaigns" className="divide-y divide-slate-100 dark:divide-slate-800">
        {campaigns.map((campaign) => {
          const figures = adFigures(campaign);
          const about = (
            <Heading name={campaign.name} spend={figures.spend}>
              {campaign.status && <AdStatusBadge status={campaign.status} />}
              {campaign.app && <span className="break-words">{campaign.app.name}</span>}
            </Heading>
          );
          return (
            <li key={`${campaign.orgId}-${campaign.campaignId}`} data-campaign-id={campaign.campaignId} className="px-5 py-3 text-sm">
              {campaign.adGroups.length === 0 ? (
                <>
                  {about}
                  <Figures figures={figures} />
                  <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">No ad groups</p>
                </>
              ) : (
                <details className="group/details">
                  <summary className="cursor-pointer list-none [&::-webkit-details-marker]:hidden">
                    {about}
                    <Figures figures={figures} />
                    <span className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-indigo-700 dark:text-indigo-300">
                      <ChevronDown className="size-3.5 -rotate-90 transition group-open/details:rotate-0" />
                      {countText(campaign.adGroups.length, "ad group")}
                    </span>
                  </summary>
                  <ul aria-label={`Ad groups of ${campaign.name}`} className="mt-2 space-y-2">
                    {campaign.adGroups.map((adGroup) => (
                      <AdGroupItem key={adGroup.adGroupId} name={adGroup.name} status={adGroup.status} metrics={adGroup} />
                    ))}
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
      <div role="group" aria-label="All campaigns" className="border-t border-slate-300 px-5 pt-3 text-sm dark:border-slate-700">
        <Heading name={`Total, ${countText(campaigns.length, "campaign")}`} spend={totalFigures(totals).spend} />
        <Figures figures={totalFigures(totals)} />
      </div>
    </div>
  );
}

function AdGroupItem({ name, status, metrics }: { name: string; status: string | null; metrics: AdMetrics }) {
  const figures = adFigures(metrics);
  return (
    <li className="rounded-lg border-l-2 border-indigo-300 bg-slate-50 px-3 py-2.5 dark:border-indigo-700 dark:bg-slate-800/50">
      <Heading name={name} spend={figures.spend}>
        {status && <AdStatusBadge status={status} />}
      </Heading>
      <Figures figures={figures} />
    </li>
  );
}
