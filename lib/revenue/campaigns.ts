import "server-only";
// The project's Apple Ads campaigns with their ad groups, as Apple Ads Sync last saved their
// lifetime figures: most spend first, with the app each promotes and the sums over them. Scoped by
// project, apps included, so another project's campaigns and apps never show here.
import { prisma } from "@/lib/db/prisma";
import type { AdCampaignLifetime, AdCampaigns, AdGroupLifetime, AdMetrics } from "./types";

interface MetricRow {
  impressions: bigint;
  taps: bigint;
  installs: bigint;
  spend: { toString(): string };
  currency: string | null;
}

const metrics = (row: MetricRow): AdMetrics => ({
  impressions: Number(row.impressions),
  taps: Number(row.taps),
  installs: Number(row.installs),
  spend: Number(row.spend),
  currency: row.currency,
});
const bySpend = <T extends { spend: number; name: string }>(a: T, b: T) => b.spend - a.spend || a.name.localeCompare(b.name, "en");
const day = (date: Date) => date.toISOString().slice(0, 10);

export async function listAdCampaigns(projectId: string): Promise<AdCampaigns> {
  const [campaignRows, adGroupRows] = await Promise.all([prisma.adCampaignLifetime.findMany({ where: { projectId } }), prisma.adAdGroupLifetime.findMany({ where: { projectId } })]);
  const appIds = [...new Set(campaignRows.flatMap((row) => (row.appId ? [row.appId] : [])))];
  const apps = appIds.length ? await prisma.app.findMany({ where: { projectId, id: { in: appIds } }, select: { id: true, name: true } }) : [];
  const appById = new Map(apps.map((app) => [app.id, app]));

  // Ad groups belong to a campaign of the same org: campaign ids are only unique within one.
  const adGroupsOf = new Map<string, AdGroupLifetime[]>();
  for (const row of adGroupRows) {
    const key = `${row.orgId}|${row.campaignId}`;
    adGroupsOf.set(key, [...(adGroupsOf.get(key) ?? []), { adGroupId: row.adGroupId, name: row.name, status: row.status, ...metrics(row) }]);
  }
  const campaigns: AdCampaignLifetime[] = campaignRows
    .map((row) => ({
      orgId: row.orgId,
      campaignId: row.campaignId,
      name: row.name,
      status: row.status,
      app: (row.appId && appById.get(row.appId)) || null,
      adamId: row.adamId,
      ...metrics(row),
      adGroups: (adGroupsOf.get(`${row.orgId}|${row.campaignId}`) ?? []).sort(bySpend),
    }))
    .sort(bySpend);
  return { campaigns, totals: totalsOf(campaigns), window: windowOf(campaignRows) };
}

function totalsOf(campaigns: AdCampaignLifetime[]): AdCampaigns["totals"] {
  // Summed in cents, so many campaigns' amounts add up to the cent.
  const cents = new Map<string | null, number>();
  for (const campaign of campaigns) cents.set(campaign.currency, (cents.get(campaign.currency) ?? 0) + Math.round(campaign.spend * 100));
  return {
    impressions: campaigns.reduce((sum, campaign) => sum + campaign.impressions, 0),
    taps: campaigns.reduce((sum, campaign) => sum + campaign.taps, 0),
    installs: campaigns.reduce((sum, campaign) => sum + campaign.installs, 0),
    spend: [...cents].map(([currency, amount]) => ({ currency, amount: amount / 100 })).sort((a, b) => b.amount - a.amount),
  };
}

function windowOf(rows: Array<{ windowStart: Date; windowEnd: Date; syncedAt: Date }>): AdCampaigns["window"] {
  if (rows.length === 0) return null;
  const time = (pick: (row: (typeof rows)[number]) => Date, choose: (...values: number[]) => number) => new Date(choose(...rows.map((row) => pick(row).getTime())));
  return { start: day(time((row) => row.windowStart, Math.min)), end: day(time((row) => row.windowEnd, Math.max)), syncedAt: time((row) => row.syncedAt, Math.max).toISOString() };
}
