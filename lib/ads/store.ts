// Writes a lifetime pull (lib/ads/lifetime.ts) into ad_campaign_lifetime and ad_adgroup_lifetime
// in one transaction: every campaign and ad group reported is upserted with its totals and the
// window they cover; the project's rows of campaigns and ad groups no longer reported (stopped
// before the window, removed, another org's after the integration changed) are deleted.
import { formatCents, toCents } from "@/lib/appleads/money";
import { parseIsoDate } from "@/lib/appleads/dates";
import type { ReportRange } from "@/lib/appleads/types";
import { prisma } from "@/lib/db/prisma";
import type { LifetimePull, Totals } from "./lifetime";

export interface LifetimeSaved {
  campaigns: number;
  adGroups: number;
  campaignsRemoved: number;
  adGroupsRemoved: number;
}

const metrics = (totals: Totals) => ({
  impressions: totals.impressions,
  taps: totals.taps,
  installs: totals.installs,
  spend: formatCents(toCents(totals.spendMicros)),
  currency: totals.currency,
});

export async function saveLifetime(projectId: string, orgId: string, window: ReportRange, pull: LifetimePull): Promise<LifetimeSaved> {
  const syncedAt = new Date();
  const span = { windowStart: parseIsoDate(window.startTime), windowEnd: parseIsoDate(window.endTime), syncedAt };
  const campaigns = [...pull.campaigns.values()];
  const adGroups = [...pull.adGroups.values()];
  return prisma.$transaction(async (tx) => {
    const campaignsRemoved = await tx.adCampaignLifetime.deleteMany({ where: { projectId, NOT: { orgId, campaignId: { in: campaigns.map((campaign) => campaign.campaignId) } } } });
    const adGroupsRemoved = await tx.adAdGroupLifetime.deleteMany({ where: { projectId, NOT: { orgId, adGroupId: { in: adGroups.map((adGroup) => adGroup.adGroupId) } } } });
    for (const campaign of campaigns) {
      const data = { appId: campaign.appId, adamId: campaign.adamId, name: campaign.name, status: campaign.status, ...metrics(campaign.totals), ...span };
      await tx.adCampaignLifetime.upsert({
        where: { projectId_orgId_campaignId: { projectId, orgId, campaignId: campaign.campaignId } },
        create: { projectId, orgId, campaignId: campaign.campaignId, ...data },
        update: data,
      });
    }
    for (const adGroup of adGroups) {
      const data = { campaignId: adGroup.campaignId, name: adGroup.name, status: adGroup.status, ...metrics(adGroup.totals), ...span };
      await tx.adAdGroupLifetime.upsert({
        where: { projectId_orgId_adGroupId: { projectId, orgId, adGroupId: adGroup.adGroupId } },
        create: { projectId, orgId, adGroupId: adGroup.adGroupId, ...data },
        update: data,
      });
    }
    return { campaigns: campaigns.length, adGroups: adGroups.length, campaignsRemoved: campaignsRemoved.count, adGroupsRemoved: adGroupsRemoved.count };
  });
}
