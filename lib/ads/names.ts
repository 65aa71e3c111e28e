// Apple Ads names for attributed app users: RevenueCat's reserved attributes give an Apple Ads
// user's campaign and ad group as Apple's numeric ids ($campaign, $adGroup), so the names come
// from the org: the campaign list once, each campaign's ad groups once, and one lookup by id for
// an id the list does not have. An id Apple does not know (another org's, long gone) stays
// unresolved and is asked about again next run. Names already written are never overwritten.
import { AppleAdsError, type AppleAdsClient } from "@/lib/appleads/client";
import { getPool } from "@/lib/db/pool";

// What RevenueCat writes to $mediaSource for Apple's ads: "Apple Search Ads" (its AdServices
// integration), "Apple Ads" since Apple's rename; compared in lower case.
export const APPLE_ADS_MEDIA_SOURCES = ["apple search ads", "apple ads", "apple_search_ads"];

export interface NamesResolved {
  campaigns: number;
  adGroups: number;
  /** App users that got a campaign or an ad-group name (each counted once per name). */
  appUsers: number;
  /** Distinct ids Apple could not name. */
  unresolved: number;
}

// An app user Apple's ads brought, by $mediaSource ($2 in every query below).
const attributed = (column: string) => `lower(trim(${column})) = ANY($2::text[])`;

/** The project's campaign ids still without a name, and per campaign the ad-group ids without one. */
async function unresolvedIds(projectId: string): Promise<{ campaigns: string[]; adGroups: Map<string, string[]> }> {
  const { rows } = await getPool().query<{ campaign: string; campaignUnnamed: boolean; adGroups: string[] }>(
    `SELECT campaign, bool_or(campaign_name IS NULL) AS "campaignUnnamed",
            array_remove(array_agg(DISTINCT CASE WHEN ad_group ~ '^[0-9]+$' AND ad_group_name IS NULL THEN ad_group END), NULL) AS "adGroups"
       FROM app_users
      WHERE project_id = $1::uuid AND ${attributed("media_source")} AND campaign ~ '^[0-9]+$'
        AND (campaign_name IS NULL OR (ad_group ~ '^[0-9]+$' AND ad_group_name IS NULL))
      GROUP BY campaign ORDER BY campaign`,
    [projectId, APPLE_ADS_MEDIA_SOURCES],
  );
  return {
    campaigns: rows.filter((row) => row.campaignUnnamed).map((row) => row.campaign),
    adGroups: new Map(rows.filter((row) => row.adGroups.length > 0).map((row) => [row.campaign, row.adGroups])),
  };
}

// Apple's 404 for an id it does not know: a name we cannot get, not a failed run.
async function unlessMissing<T>(lookup: () => Promise<T>): Promise<T | null> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof AppleAdsError && error.status === 404) return null;
    throw error;
  }
}

async function names<T extends { id: number; name: string }>(wanted: string[], list: () => Promise<T[]>, one: (id: string) => Promise<T>): Promise<Map<string, string>> {
  const found = new Map((await list()).map((item) => [String(item.id), item.name]));
  const named = new Map<string, string>();
  for (const id of wanted) {
    const name = found.get(id) ?? (await unlessMissing(() => one(id)))?.name;
    if (name) named.set(id, name);
  }
  return named;
}

export async function resolveAdNames(client: AppleAdsClient, projectId: string): Promise<NamesResolved> {
  const wanted = await unresolvedIds(projectId);
  const wantedAdGroups = [...wanted.adGroups.values()].reduce((sum, ids) => sum + ids.length, 0);
  const campaignNames = wanted.campaigns.length > 0 ? await names(wanted.campaigns, () => client.campaigns(), (id) => client.campaign(id)) : new Map<string, string>();
  const adGroupNames: Array<{ campaign: string; adGroup: string; name: string }> = [];
  for (const [campaign, ids] of wanted.adGroups) {
    const named = await unlessMissing(() => names(ids, () => client.adGroups(campaign), (id) => client.adGroup(campaign, id)));
    for (const [adGroup, name] of named ?? []) adGroupNames.push({ campaign, adGroup, name });
  }

  const pool = getPool();
  const campaignsWritten = await pool.query(
    `UPDATE app_users AS app_user SET campaign_name = named.name
       FROM unnest($3::text[], $4::text[]) AS named(id, name)
      WHERE app_user.project_id = $1::uuid AND ${attributed("app_user.media_source")}
        AND app_user.campaign = named.id AND app_user.campaign_name IS NULL`,
    [projectId, APPLE_ADS_MEDIA_SOURCES, [...campaignNames.keys()], [...campaignNames.values()]],
  );
  const adGroupsWritten = await pool.query(
    `UPDATE app_users AS app_user SET ad_group_name = named.name
       FROM unnest($3::text[], $4::text[], $5::text[]) AS named(campaign, id, name)
      WHERE app_user.project_id = $1::uuid AND ${attributed("app_user.media_source")}
        AND app_user.campaign = named.campaign AND app_user.ad_group = named.id AND app_user.ad_group_name IS NULL`,
    [projectId, APPLE_ADS_MEDIA_SOURCES, adGroupNames.map((row) => row.campaign), adGroupNames.map((row) => row.adGroup), adGroupNames.map((row) => row.name)],
  );
  return {
    campaigns: campaignNames.size,
    adGroups: adGroupNames.length,
    appUsers: (campaignsWritten.rowCount ?? 0) + (adGroupsWritten.rowCount ?? 0),
    unresolved: wanted.campaigns.length - campaignNames.size + wantedAdGroups - adGroupNames.length,
  };
}
