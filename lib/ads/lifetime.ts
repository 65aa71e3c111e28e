// Lifetime totals of a project's Apple Ads campaigns and ad groups: for each piece of the window
// (lib/ads/window.ts), one campaign report for the org, then one ad-group report for each campaign
// that is the project's and had metrics in that piece; rows summed exactly per campaign and ad
// group. An Apple Ads account can advertise apps of several projects: only campaigns whose adamId
// is the App Store id of one of this project's live apps are kept.
import type { AppleAdsClient } from "@/lib/appleads/client";
import { rowMetrics, type RowMetrics } from "@/lib/appleads/reports";
import type { ReportRange } from "@/lib/appleads/types";

export interface Totals {
  impressions: bigint;
  taps: bigint;
  installs: bigint;
  spendMicros: bigint;
  currency: string | null;
}

export interface CampaignLifetime {
  campaignId: string;
  adamId: string;
  /** The project's app the campaign advertises. */
  appId: string;
  name: string;
  status: string | null;
  totals: Totals;
}

export interface AdGroupLifetime {
  adGroupId: string;
  campaignId: string;
  name: string;
  status: string | null;
  totals: Totals;
}

export interface LifetimePull {
  campaigns: Map<string, CampaignLifetime>;
  adGroups: Map<string, AdGroupLifetime>;
  chunksRead: number;
  /** Campaign ids seen for apps that are not this project's (left out). */
  otherAppsCampaigns: Set<string>;
}

export interface PullHooks {
  /** After each piece: `done` of `total` pieces read. */
  onChunk?: (done: number, total: number, chunk: ReportRange) => void;
  /** Checked between requests; a cancelled pull returns null (partial totals are never stored). */
  isCancelled?: () => boolean;
}

const emptyTotals = (): Totals => ({ impressions: 0n, taps: 0n, installs: 0n, spendMicros: 0n, currency: null });

function add(totals: Totals, metrics: RowMetrics): void {
  totals.impressions += metrics.impressions;
  totals.taps += metrics.taps;
  totals.installs += metrics.installs;
  totals.spendMicros += metrics.spendMicros;
  totals.currency = metrics.currency ?? totals.currency;
}

// A deleted campaign or ad group keeps its last status in Apple's metadata; say it is deleted.
const statusOf = (deleted: boolean | undefined, status: string | undefined) => (deleted ? "DELETED" : (status ?? null));

/** `appsByAdamId`: the project's live apps, App Store id → app id. Chunks are read oldest first. */
export async function pullLifetime(client: AppleAdsClient, appsByAdamId: Map<string, string>, chunks: ReportRange[], hooks: PullHooks = {}): Promise<LifetimePull | null> {
  const pull: LifetimePull = { campaigns: new Map(), adGroups: new Map(), chunksRead: 0, otherAppsCampaigns: new Set() };
  for (const chunk of chunks) {
    if (hooks.isCancelled?.()) return null;
    const ours: string[] = [];
    for (const row of await client.campaignReport(chunk)) {
      const campaignId = String(row.metadata.campaignId);
      const adamId = row.metadata.app ? String(row.metadata.app.adamId) : null;
      const appId = adamId ? appsByAdamId.get(adamId) : undefined;
      if (!adamId || !appId) {
        pull.otherAppsCampaigns.add(campaignId);
        continue;
      }
      ours.push(campaignId);
      const campaign = pull.campaigns.get(campaignId) ?? { campaignId, adamId, appId, name: "", status: null, totals: emptyTotals() };
      // Oldest piece first, so the newest name and status win.
      campaign.name = row.metadata.campaignName;
      campaign.status = statusOf(row.metadata.deleted, row.metadata.campaignStatus ?? row.metadata.displayStatus);
      add(campaign.totals, rowMetrics(row.total));
      pull.campaigns.set(campaignId, campaign);
    }
    for (const campaignId of ours) {
      if (hooks.isCancelled?.()) return null;
      for (const row of await client.adGroupReport(campaignId, chunk)) {
        const adGroupId = String(row.metadata.adGroupId);
        const adGroup = pull.adGroups.get(adGroupId) ?? { adGroupId, campaignId, name: "", status: null, totals: emptyTotals() };
        adGroup.name = row.metadata.adGroupName;
        adGroup.status = statusOf(row.metadata.deleted, row.metadata.adGroupStatus ?? row.metadata.adGroupDisplayStatus);
        add(adGroup.totals, rowMetrics(row.total));
        pull.adGroups.set(adGroupId, adGroup);
      }
    }
    pull.chunksRead += 1;
    hooks.onChunk?.(pull.chunksRead, chunks.length, chunk);
  }
  return pull;
}
