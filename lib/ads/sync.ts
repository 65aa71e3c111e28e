// apple_ads_sync for one project (its manual trigger, or its turn in the daily fan-out): Apple Ads
// names for the project's attributed app users (lib/ads/names.ts), then lifetime totals of the
// campaigns advertising the project's apps over the rolling 12-month window, piece by piece
// (lib/ads/lifetime.ts), saved once every piece is read (lib/ads/store.ts). Progress counts pieces.
import { AppleAdsClient } from "@/lib/appleads/client";
import { isoDate } from "@/lib/appleads/dates";
import { appsWithStoreId } from "@/lib/apps/store-app";
import { env } from "@/lib/env";
import { markSynced, requireIntegration } from "@/lib/integrations/store";
import type { ProjectJobContext } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import { pullLifetime } from "./lifetime";
import { resolveAdNames } from "./names";
import { saveLifetime } from "./store";
import { lifetimeWindow, reportChunks } from "./window";

export interface AppleAdsSyncOptions {
  /** The first 429 backoff (default Apple's 2 s); tests shorten it. */
  backoffBaseMs?: number;
}

export interface AppleAdsSyncResult {
  org_id: string;
  window: { start: string; end: string };
  apps: number;
  names_resolved: { campaigns: number; ad_groups: number; app_users: number; unresolved: number };
  campaigns_stored: number;
  ad_groups_stored: number;
  campaigns_removed: number;
  ad_groups_removed: number;
  /** Campaigns of the org that advertise apps of other projects: not stored here. */
  other_apps_campaigns: number;
  chunks_read: number;
  requests: number;
  token_requests: number;
  rate_limited: number;
  cancelled?: true;
}

export async function syncAppleAds(context: ProjectJobContext, options: AppleAdsSyncOptions = {}): Promise<AppleAdsSyncResult> {
  const { config, secrets } = await requireIntegration(context.project.id, "apple_ads");
  const client = new AppleAdsClient({
    apiUrl: env.APPLE_ADS_API_URL,
    authUrl: env.APPLE_ADS_AUTH_URL,
    credentials: { ...config, privateKey: secrets.privateKey },
    signal: context.signal,
    backoffBaseMs: options.backoffBaseMs,
    // The bar keeps its count; the message says why it is not moving.
    onRateLimited: (waitMs, retry) => context.progress({ message: `Rate limited by Apple Ads, waiting ${waitMs / 1000}s (retry ${retry} of 4)` }),
  });
  const window = lifetimeWindow(isoDate(new Date()));
  const chunks = reportChunks(window);
  const apps = await appsWithStoreId(context.project.id);

  context.progress({ processed: 0, total: chunks.length, message: "Resolving Apple Ads campaign and ad-group names" });
  const names = await resolveAdNames(client, context.project.id);

  const result: AppleAdsSyncResult = {
    org_id: config.orgId,
    window: { start: window.startTime, end: window.endTime },
    apps: apps.length,
    names_resolved: { campaigns: names.campaigns, ad_groups: names.adGroups, app_users: names.appUsers, unresolved: names.unresolved },
    campaigns_stored: 0,
    ad_groups_stored: 0,
    campaigns_removed: 0,
    ad_groups_removed: 0,
    other_apps_campaigns: 0,
    chunks_read: 0,
    requests: 0,
    token_requests: 0,
    rate_limited: 0,
  };
  const finish = () => Object.assign(result, { requests: client.stats.requests, token_requests: client.stats.tokenRequests, rate_limited: client.stats.rateLimited });

  // No app to match campaigns against: nothing to read, and any stored rows are stale.
  const pull =
    apps.length === 0
      ? { campaigns: new Map(), adGroups: new Map(), chunksRead: 0, otherAppsCampaigns: new Set<string>() }
      : await pullLifetime(client, new Map(apps.map((app) => [app.appStoreId, app.id])), chunks, {
          isCancelled: () => context.isCancelled(),
          onChunk: (done, total, chunk) => context.progress({ processed: done, total, message: `Read ${chunk.startTime} to ${chunk.endTime} (${done} of ${total})` }),
        });
  if (!pull) return Object.assign(finish(), { cancelled: true as const });

  const saved = await saveLifetime(context.project.id, config.orgId, window, pull);
  await markSynced(context.project.id, "apple_ads");
  Object.assign(result, {
    campaigns_stored: saved.campaigns,
    ad_groups_stored: saved.adGroups,
    campaigns_removed: saved.campaignsRemoved,
    ad_groups_removed: saved.adGroupsRemoved,
    other_apps_campaigns: pull.otherAppsCampaigns.size,
    chunks_read: pull.chunksRead,
  });
  finish();
  context.progress({
    processed: chunks.length,
    total: chunks.length,
    message:
      apps.length === 0
        ? "No Apple app of this project has an App Store id: no campaign to match"
        : `${plural(saved.campaigns, "campaign")} and ${plural(saved.adGroups, "ad group")} over ${window.startTime} to ${window.endTime}; ${plural(names.appUsers, "app user")} named`,
  });
  context.log("apple_ads_sync finished", { project: context.project.slug, ...result, window: `${window.startTime}…${window.endTime}` });
  return result;
}
