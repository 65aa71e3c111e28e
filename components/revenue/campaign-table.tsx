// The campaigns on wide screens: one row each, most spend first, and under each its ad groups in
// the same columns. The campaign's name is a disclosure (details/summary): opening it shows its
// ad-group rows through CSS (:has), so it works without scripts; the totals close the table.
import { countText } from "@/components/store/format";
import { none } from "@/components/store/store-section";
import { ChevronDown } from "@/components/ui/icons";
import type { AdCampaignLifetime, AdCampaigns, AdGroupLifetime } from "@/lib/revenue/types";
import { adFigures, figureColumns, totalFigures, type AdFigures } from "./ad-figures";
import { AdStatusBadge } from "./badges";

const cell = "px-3 py-2 align-baseline first:pl-5 last:pr-5";
const figureCell = `${cell} text-right tabular-nums whitespace-nowrap`;

function FigureCells({ figures }: { figures: AdFigures }) {
  return figureColumns.map(({ key }) => (
    <td key={key} className={figureCell}>
      {figures[key]}
    </td>
  ));
}

export function CampaignTable({ campaigns, totals }: Pick<AdCampaigns, "campaigns" | "totals">) {
  return (
    <div className="hidden overflow-x-auto lg:block">
      <table aria-labelledby="campaigns-heading" className="w-full text-left text-sm">
        <thead className="border-y border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            {["Campaign", "App", "Status"].map((heading) => (
              <th key={heading} scope="col" className={`${cell} align-bottom font-medium`}>
                {heading}
              </th>
            ))}
            {figureColumns.map(({ key, label }) => (
              <th key={key} scope="col" className={`${cell} text-right align-bottom font-medium`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        {campaigns.map((campaign) => (
          <CampaignRows key={`${campaign.orgId}-${campaign.campaignId}`} campaign={campaign} />
        ))}
        <tfoot className="border-t border-slate-300 font-semibold dark:border-slate-700">
          <tr>
            <th scope="row" className={cell}>
              Total
            </th>
            <td className={`${cell} font-normal text-slate-500 dark:text-slate-400`} colSpan={2}>
              {countText(campaigns.length, "campaign")}
            </td>
            <FigureCells figures={totalFigures(totals)} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

// A tbody per campaign: the `group` whose open disclosure shows the ad-group rows. The disclosure
// sits beside the name, not around it, so the name stays the row's header for screen readers.
function CampaignRows({ campaign }: { campaign: AdCampaignLifetime }) {
  const adGroups = campaign.adGroups.length;
  return (
    <tbody className="group border-t border-slate-100 first-of-type:border-t-0 dark:border-slate-800">
      <tr data-campaign-id={campaign.campaignId}>
        <th scope="row" className={`${cell} font-medium`}>
          <span className="block break-words">{campaign.name}</span>
          {adGroups > 0 ? (
            <details className="group/details">
              <summary className="-ml-1 inline-flex cursor-pointer list-none items-center gap-0.5 rounded pr-1 text-xs font-medium text-indigo-700 select-none hover:underline dark:text-indigo-300 [&::-webkit-details-marker]:hidden">
                <ChevronDown className="size-3.5 -rotate-90 transition group-open/details:rotate-0" />
                {countText(adGroups, "ad group")}
              </summary>
            </details>
          ) : (
            <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">No ad groups</span>
          )}
        </th>
        <td className={`${cell} text-slate-600 dark:text-slate-300`}>{campaign.app ? <span className="break-words">{campaign.app.name}</span> : <span title={`Apple id ${campaign.adamId}`}>{none}</span>}</td>
        <td className={cell}>{campaign.status ? <AdStatusBadge status={campaign.status} /> : none}</td>
        <FigureCells figures={adFigures(campaign)} />
      </tr>
      {campaign.adGroups.map((adGroup) => (
        <AdGroupRow key={adGroup.adGroupId} adGroup={adGroup} />
      ))}
    </tbody>
  );
}

function AdGroupRow({ adGroup }: { adGroup: AdGroupLifetime }) {
  return (
    <tr data-ad-group-id={adGroup.adGroupId} className="hidden bg-slate-50/70 text-slate-700 group-has-[details[open]]:table-row dark:bg-slate-800/30 dark:text-slate-300">
      <th scope="row" className={`${cell} pl-8! font-normal break-words`}>
        {adGroup.name}
      </th>
      <td className={cell} />
      <td className={cell}>{adGroup.status ? <AdStatusBadge status={adGroup.status} /> : none}</td>
      <FigureCells figures={adFigures(adGroup)} />
    </tr>
  );
}
